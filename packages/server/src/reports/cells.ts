/**
 * Text a spreadsheet would run as a formula (it starts with =, +, - or @, or with a tab or a
 * carriage return that some programs skip before one) is kept as text by a leading apostrophe.
 * Names, titles and explanations are typed by users; an export must not run them.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
