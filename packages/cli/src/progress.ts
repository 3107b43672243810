/** A progress bar on a terminal; a few percentage lines when output goes to a file or CI log. */
export function progressBar(label: string, write: (text: string) => void = (t) => process.stderr.write(t)) {
  const tty = Boolean(process.stderr.isTTY);
  let lastQuarter = -1;
  return {
    update(done: number, total: number) {
      const ratio = total === 0 ? 1 : done / total;
      if (tty) {
        const width = 30;
        const filled = Math.round(ratio * width);
        write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
        if (done >= total) write("\n");
        return;
      }
      const quarter = Math.floor(ratio * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        write(`${label}: ${done}/${total} (${Math.round(ratio * 100)}%)\n`);
      }
    },
  };
}
