// Generated from the server's OpenAPI document by scripts/api-types.mjs: do not edit.
// Regenerate with `npm run api-types -w @matang/web` (the build does it).
export interface paths {
    "/api/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Assessments you may see (optionally of one cycle) */
        get: {
            parameters: {
                query?: {
                    cycle?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AssessmentSummary"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** State, schedule, per-stage index, domains, aspects and predicate, the headline figure, and what you may do with it now (can, blocked, moves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Assessment"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/checklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The instansi's improvement checklist on this assessment's framework, carried over every cycle until verified, with progress per unit and per aspect (an operator sees its units' items) */
        get: {
            parameters: {
                query?: {
                    indicator?: string;
                    status?: "open" | "in_progress" | "done" | "verified";
                    unit?: string | "none";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                build: boolean;
                            };
                            framework: string;
                            items: components["schemas"]["ChecklistItem"][];
                            organization: {
                                id: string;
                                name: string;
                            };
                            progress: {
                                aspects: {
                                    byStatus: {
                                        done: number;
                                        in_progress: number;
                                        open: number;
                                        verified: number;
                                    };
                                    key: string;
                                    name: string;
                                    overdue: number;
                                    total: number;
                                }[];
                                byStatus: {
                                    done: number;
                                    in_progress: number;
                                    open: number;
                                    verified: number;
                                };
                                key: string;
                                name: string;
                                overdue: number;
                                total: number;
                                units: {
                                    byStatus: {
                                        done: number;
                                        in_progress: number;
                                        open: number;
                                        verified: number;
                                    };
                                    key: string;
                                    name: string;
                                    overdue: number;
                                    total: number;
                                }[];
                            };
                            year: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Build the checklist now from this assessment (also done on publication and on an import from the national portal): new shortcomings are added, open ones refreshed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            open: number;
                            refreshed: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/checklist.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The checklist as a PDF (Bahasa Indonesia) for a coordination meeting */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A PDF document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/checklist.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The checklist as an Excel workbook for a coordination meeting: items, progress per unit and aspect */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An Excel workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/clarification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The clarification (interviu) workspace: every indicator whose official interim value is below the claim, largest loss of index first (and any added by hand), with the portal's returned items and notes, our answer, the session, and what later official values gained */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                edit: boolean;
                            };
                            final: {
                                asOf: string;
                                index: number | null;
                                indexDisplay: string | null;
                            } | null;
                            indicators: {
                                claim: number | null;
                                clarification: {
                                    attendees: string;
                                    evidenceIds: string[];
                                    itemOutcomes: {
                                        [key: string]: "accepted" | "still_returned";
                                    };
                                    outcome: string;
                                    rebuttal: string;
                                    responderName: string;
                                    responderUnitId: string | null;
                                    responderUnitName: string | null;
                                    slot: string;
                                    /** @enum {string} */
                                    status: "to_prepare" | "ready" | "presented" | "concluded";
                                    /** Format: date-time */
                                    updatedAt: string | null;
                                    version: number;
                                };
                                code: string;
                                evidence: {
                                    id: string;
                                    item: string | null;
                                    kind: string;
                                    title: string;
                                }[];
                                final: number | null;
                                gained: {
                                    index: number;
                                    value: number;
                                } | null;
                                interim: number | null;
                                loss: number | null;
                                name: {
                                    en?: string;
                                    id: string;
                                };
                                returned: {
                                    item: string;
                                    note: string;
                                    /** @enum {string} */
                                    status: "accepted" | "wrong_object" | "not_uploaded" | "auto_rejected";
                                }[];
                            }[];
                            interim: {
                                asOf: string;
                                index: number | null;
                                indexDisplay: string | null;
                            } | null;
                            open: boolean;
                            session: {
                                date: string;
                                place: string;
                                version: number;
                            };
                            totals: {
                                gained: number | null;
                                loss: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/clarification/brief.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The interview brief (PDF, Bahasa Indonesia): the session, attendees per indicator, and for each indicator in session order the claim, the interim value, the assessors' notes, our answer and the documents to show */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A PDF document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/clarification/indicators/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save one indicator's clarification (responder, attendees, time, rebuttal, documents to show, status, outcome per item); version 0 to create, 409 when someone saved first */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attendees: string;
                        evidenceIds: string[];
                        itemOutcomes: {
                            [key: string]: "accepted" | "still_returned";
                        };
                        outcome: string;
                        rebuttal: string;
                        responderName: string;
                        /** Format: uuid */
                        responderUnitId: string | null;
                        slot: string;
                        /** @enum {string} */
                        status: "to_prepare" | "ready" | "presented" | "concluded";
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/clarification/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The clarification session's date and place (or meeting link); 409 when someone saved first */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        date: string;
                        place: string;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/copy-forward": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start from the instansi's previous final answers and evidence links (statuses reset) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        from?: string;
                        indicators?: string[];
                        mapping?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            copied: string[];
                            evidenceLinks: number;
                            from: string;
                            items: {
                                code: string;
                                evidence: number;
                            }[];
                            mapping: {
                                id: string;
                                title: {
                                    en?: string;
                                    id: string;
                                };
                            } | null;
                            skipped: {
                                code: string;
                                reason: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/evaluation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record whether the instansi is evaluated in this cycle (administrators); one that is not (above a threshold, not a locus, an off-year) keeps its assessment as its own monitoring, never published. 409 if the version is stale */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        evaluated: boolean;
                        /** @enum {string|null} */
                        reason: "above_threshold" | "not_locus" | "off_year" | null;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evaluated: boolean;
                            /** @enum {string|null} */
                            reason: "above_threshold" | "not_locus" | "off_year" | null;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file (multipart: file, indicator, level or item, title[, note][, evidenceId for a new version][, unitId uploaded on behalf of])
         * @description PDF, images or office documents up to 50 MB, typed by their content.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evidenceId: string;
                            fileId: string;
                            linkId: string | null;
                            mediaType: string;
                            sha256: string;
                            size: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/evidence-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Let existing evidence, or a web address, support a level of an indicator (or one of its evidence items) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        evidenceId?: string;
                        indicator: string;
                        item?: string;
                        level?: number;
                        note?: string;
                        title?: string;
                        /** Format: uri */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evidenceId: string;
                            linkId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/evidence-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw a piece of evidence from its level before it is accepted (the unit that provided it or the coordinator, during the self-assessment); the file stays in the instansi's evidence */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    linkId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {boolean} */
                            withdrawn: true;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/evidence-links/{linkId}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Accept a piece of evidence for its level, or return it for revision with a reason */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    linkId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                        /** @enum {string} */
                        reason?: "wrong_document" | "not_uploaded" | "outdated" | "other";
                        /** @enum {string} */
                        review: "accepted" | "revision";
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            note: string | null;
                            reason: string | null;
                            review: string;
                            selfAccepted: boolean;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/evidence-reading": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far the text of the assessment's evidence files has been read (for search and pre-checks)
         * @description Counts over the newest file of each evidence on each indicator the caller may read: read (done), waiting (pending), scans without text (noText), types whose text is not read (skipped), failed; and pages read by OCR.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            done: number;
                            failed: number;
                            files: number;
                            noText: number;
                            ocrPages: number;
                            pending: number;
                            skipped: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/evidence/resumable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a finished resumable upload as evidence (the same fields as a multipart upload, and the upload's id): checked, typed and stored as any upload */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        evidenceId?: string;
                        indicator: string;
                        item?: string;
                        level?: number;
                        note?: string;
                        title: string;
                        /** Format: uuid */
                        unitId?: string;
                        upload: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evidenceId: string;
                            fileId: string;
                            linkId: string | null;
                            mediaType: string;
                            sha256: string;
                            size: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/evidence/zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a ZIP of evidence files named by item code (I9-L1-01_…), or matched by a mapping sheet (multipart: file, optional mapping CSV `file,item`); each matched file becomes evidence for its item, awaiting review, and every other file is listed with why */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            files: number;
                            imported: {
                                evidenceId: string;
                                file: string;
                                item: string;
                            }[];
                            unmatched: {
                                code: string;
                                file: string;
                                reason: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The assessment as a workbook: summary, indicators × stages with explanations, evidence list */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An Excel workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/external-indices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The other agencies' indices that feed the framework's indicators, with the value recorded for this assessment, its band and expiry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                record: boolean;
                            };
                            items: components["schemas"]["ExternalIndex"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/external-indices/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record an index's value (with its date, source evidence and responsible unit); the fed indicators follow it (version 0 to create) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        evidenceId?: string | null;
                        measuredOn: string;
                        note?: string;
                        /** Format: uuid */
                        unitId?: string | null;
                        value: number;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            index: string;
                            measuredOn: string;
                            value: number;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/external-indices/{code}/effect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What another value of the index would do to the fed indicators' levels and the index */
        get: {
            parameters: {
                query: {
                    value: number;
                };
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ExternalEffect"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same instansi's assessments over the years, with each one's headline index */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["HistoryItem"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Indicators with assignments, answers, stage scores, evidence, claimed and supported level, and what you may do with each now (an operator sees their unit's only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["IndicatorRow"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The instansi's consolidated answer (self-assessment level and explanation); version 0 to create */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        explanation: string;
                        level: number | null;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StageValue"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the units (OPD) responsible for an indicator, with due dates */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        units: {
                            /** @default null */
                            dueDate?: string | null;
                            /** Format: uuid */
                            unitId: string;
                        }[];
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on an indicator */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Comment"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/model-answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Model answers the instansi's province published for this indicator */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                evidenceKinds: string[];
                                explanation: string;
                                id: string;
                                organization: string;
                                organizationId: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/previous": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The indicator in the instansi's previous assessment, read-only: final level (else its own answer), explanation and evidence; null when there is none */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assessmentId: string;
                            cycle: string;
                            evidence: {
                                evidenceId: string;
                                item: string | null;
                                /** @enum {string} */
                                kind: "file" | "link";
                                level: number;
                                /** @enum {string} */
                                review: "pending" | "accepted" | "revision";
                                title: string;
                                url: string | null;
                            }[];
                            explanation: string;
                            level: number | null;
                            sameFramework: boolean;
                            year: number;
                        } | null;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Return an indicator to a unit with a note */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                        /** Format: uuid */
                        unitId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/stages/{stage}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** An assessor's level and note for document, interview, visit or final; the review team's verdict for validation */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                    stage: "document" | "interview" | "visit" | "final" | "validation";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        level?: number | null;
                        note: string;
                        /** @enum {string} */
                        verdict?: "valid" | "not_valid";
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StageValue"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/thread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An indicator's comments and full history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Thread"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/indicators/{code}/units/{unitId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A unit's proposal: level and explanation, marked ready when done (version 0 to create) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                    unitId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        explanation: string;
                        level: number | null;
                        /** @enum {string} */
                        status: "in_progress" | "ready";
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnitAnswer"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every evidence item (butir) with where it stands, its unit and due date, and per unit what is accepted, returned, awaiting review or missing (an operator sees their unit's) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byUnit: {
                                accepted: number;
                                notUploaded: number;
                                overdue: number;
                                pending: number;
                                returned: number;
                                total: number;
                                unitId: string | null;
                                unitName: string | null;
                            }[];
                            can: {
                                assign: boolean;
                                portal: boolean;
                            };
                            items: {
                                blockedBy: string[];
                                code: string;
                                dueDate: string | null;
                                indicator: string;
                                indicatorName: {
                                    en?: string;
                                    id: string;
                                };
                                level: number;
                                links: number;
                                note: string | null;
                                official: {
                                    asOf: string;
                                    note: string;
                                    /** @enum {string} */
                                    stage: "interim" | "final";
                                    /** @enum {string} */
                                    status: "accepted" | "wrong_object" | "not_uploaded" | "auto_rejected";
                                } | null;
                                overdue: boolean;
                                portal: {
                                    changed: boolean;
                                    /** Format: date-time */
                                    markedAt: string;
                                    markedBy: string | null;
                                    version: number;
                                } | null;
                                reason: string | null;
                                /** @enum {string} */
                                status: "accepted" | "returned" | "pending" | "not_uploaded" | "auto_rejected";
                                text: {
                                    en?: string;
                                    id: string;
                                };
                                unitId: string | null;
                                unitName: string | null;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/items/{item}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The unit responsible for an evidence item and its due date (unitId null clears it); version 0 to create */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    item: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dueDate: string | null;
                        /** Format: uuid */
                        unitId: string | null;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dueDate: string | null;
                            item: string;
                            unitId: string | null;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/minutes.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Berita acara of the self-assessment submission (PDF) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A PDF document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/official": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The portal's official figures (interim, final: index, predicate and each indicator's value beside the claim, with the date) and its verdict on every item with the assessor's note — apart from Matang's own scores */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                import: boolean;
                            };
                            comparison: {
                                /** @enum {string} */
                                against: "document" | "final";
                                rows: {
                                    code: string;
                                    difference: number;
                                    effect: number;
                                    mock: number;
                                    official: number;
                                    /** @enum {string} */
                                    verdict: "lenient" | "strict" | "same";
                                }[];
                                /** @enum {string} */
                                stage: "interim" | "final";
                                summary: {
                                    effect: number;
                                    lenient: number;
                                    same: number;
                                    strict: number;
                                };
                            }[];
                            imports: {
                                asOf: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                id: string;
                                returned: number;
                                source: string;
                                /** @enum {string} */
                                stage: "interim" | "final";
                                values: number;
                                verdicts: number;
                            }[];
                            stages: {
                                asOf: string;
                                index: number | null;
                                indexDisplay: string | null;
                                /** @enum {string|null} */
                                indexSource: "printed" | "computed" | null;
                                indicators: {
                                    claim: number | null;
                                    code: string;
                                    loss: number | null;
                                    value: number;
                                }[];
                                predicate: string | null;
                                /** @enum {string} */
                                stage: "interim" | "final";
                            }[];
                            verdicts: {
                                asOf: string;
                                dueDate: string | null;
                                indicator: string;
                                item: string;
                                note: string;
                                /** @enum {string} */
                                stage: "interim" | "final";
                                /** @enum {string} */
                                status: "accepted" | "wrong_object" | "not_uploaded" | "auto_rejected";
                                unitName: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/official/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import the portal's table pasted as text (tab-separated: item, status, note; or indicator/Indeks, value); 422 lists every problem by line; dryRun previews */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        asOf: string;
                        dryRun?: boolean;
                        dueDate?: string | null;
                        /** @enum {string} */
                        stage: "interim" | "final";
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            asOf: string;
                            changed: number;
                            dryRun: boolean;
                            returned: {
                                indicator: string;
                                isNew: boolean;
                                item: string;
                                note: string;
                                /** @enum {string} */
                                status: "accepted" | "wrong_object" | "not_uploaded" | "auto_rejected";
                                unitId: string | null;
                                unitName: string | null;
                            }[];
                            /** @enum {string} */
                            stage: "interim" | "final";
                            values: {
                                indicator: string | null;
                                value: number;
                            }[];
                            verdicts: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/official/import.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import the filled template (multipart: file, stage, asOf[, dueDate][, dryRun=1]); 422 lists every problem by sheet and line */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            asOf: string;
                            changed: number;
                            dryRun: boolean;
                            returned: {
                                indicator: string;
                                isNew: boolean;
                                item: string;
                                note: string;
                                /** @enum {string} */
                                status: "accepted" | "wrong_object" | "not_uploaded" | "auto_rejected";
                                unitId: string | null;
                                unitName: string | null;
                            }[];
                            /** @enum {string} */
                            stage: "interim" | "final";
                            values: {
                                indicator: string | null;
                                value: number;
                            }[];
                            verdicts: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/official/template.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The template to fill from the portal: every item (status, note), every indicator and the index (value) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An Excel workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/portal/package": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a portal package would hold: every document with its name as the portal wants it, its upload note and unit, and what the portal would refuse (too large, wrong type, a link, returned internally) with what to do */
        get: {
            parameters: {
                query?: {
                    accepted?: "0" | "1";
                    indicator?: string;
                    unit?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                code: string;
                                evidenceId: string;
                                fileId: string | null;
                                fileName: string | null;
                                included: boolean;
                                indicator: string;
                                /** @enum {string} */
                                kind: "file" | "link";
                                level: number;
                                note: string;
                                path: string | null;
                                problems: {
                                    /** @enum {string} */
                                    code: "too_large" | "wrong_type" | "not_a_file" | "returned";
                                    message: {
                                        en?: string;
                                        id: string;
                                    };
                                }[];
                                /** @enum {string} */
                                review: "pending" | "accepted" | "revision";
                                size: number | null;
                                title: string;
                                units: string[];
                                url: string | null;
                            }[];
                            profile: {
                                acceptedTypes: string[];
                                fileName: string;
                                maxFileMb: number;
                                name: string;
                                note?: {
                                    en?: string;
                                    id: string;
                                };
                                url?: string;
                            };
                            totals: {
                                bytes: number;
                                documents: number;
                                files: number;
                                held: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/portal/package.zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The portal package as a ZIP: a folder per indicator with each file named {item}_{title}, the index sheet (Excel) and the upload notes; files the portal would refuse stay out and are listed */
        get: {
            parameters: {
                query?: {
                    accepted?: "0" | "1";
                    indicator?: string;
                    unit?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A ZIP archive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/zip": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/portal/uploads/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Mark an evidence item (or an indicator without items) as uploaded to the portal, or take the mark back; the version seen is checked (409 when someone changed it first) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        uploaded: boolean;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            uploaded: boolean;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen the current stage after its end date (administrators) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        days: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            reopenedUntil: string | null;
                            /** @enum {string} */
                            state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/report.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The assessment report (Bahasa Indonesia): index and predicate, domains and aspects with charts, strengths and weaknesses, readiness, recommendations, every indicator per stage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A PDF document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assessments/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the assessment to another state (submit, advance, publish, or back as an administrator). Moving on from an assessors' stage with indicators it did not score answers 409 stage_incomplete listing them, until sent again with confirm: true; publication waits (409 validation_open) while the review has a final score sent back or corrected and not yet validated again; going back needs a reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        confirm?: boolean;
                        reason?: string;
                        reopenDays?: number;
                        /** @enum {string} */
                        to: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            reopenedUntil: string | null;
                            /** @enum {string} */
                            state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first: everything for administrators, a coordinator's subtree otherwise */
        get: {
            parameters: {
                query?: {
                    entityId?: string;
                    entityType?: string;
                    organization?: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actor: string;
                                actorId: string | null;
                                address: string | null;
                                after: unknown;
                                /** Format: date-time */
                                at: string;
                                before: unknown;
                                entityId: string | null;
                                entityType: string;
                                id: number;
                                organizationId: string | null;
                                requestId: string | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with e-mail and password; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                importRegistry: boolean;
                                importResults: boolean;
                                manageCycles: boolean;
                                manageFrameworks: boolean;
                                manageUsers: boolean;
                            };
                            csrfToken: string | null;
                            grants: {
                                organizationId: string | null;
                                /** @enum {string} */
                                role: "admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader";
                            }[];
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session, or with ?everywhere=true every session and API token of the user (the answer counts them) */
        post: {
            parameters: {
                query?: {
                    everywhere?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            sessionsEnded: number;
                            tokensRevoked: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is logged in */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                importRegistry: boolean;
                                importResults: boolean;
                                manageCycles: boolean;
                                manageFrameworks: boolean;
                                manageUsers: boolean;
                            };
                            csrfToken: string | null;
                            grants: {
                                organizationId: string | null;
                                /** @enum {string} */
                                role: "admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader";
                            }[];
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your own password, from a logged-in session; your other sessions and every API token end */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            tokensRevoked: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current session, or null: like /api/auth/me without a 401 for visitors */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            session: {
                                can: {
                                    importRegistry: boolean;
                                    importResults: boolean;
                                    manageCycles: boolean;
                                    manageFrameworks: boolean;
                                    manageUsers: boolean;
                                };
                                csrfToken: string | null;
                                grants: {
                                    organizationId: string | null;
                                    /** @enum {string} */
                                    role: "admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader";
                                }[];
                                user: {
                                    email: string;
                                    id: string;
                                    name: string;
                                };
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your API tokens (never their secrets), from a logged-in session */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string | null;
                                id: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                name: string;
                                /** Format: date-time */
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API token for integrations, from a logged-in session (shown once; stored hashed; expires after 90 days unless asked otherwise, at most 365) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expiresInDays?: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            name: string;
                            token: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of your API tokens, from a logged-in session */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/checklist/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Move an item along (its unit: open, in progress, done with a note naming the evidence; the coordinator: owner, due date, verified, reopened); 409 if the version is stale */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dueDate?: string | null;
                        note?: string;
                        /** Format: uuid */
                        ownerUnitId?: string | null;
                        /** @enum {string} */
                        status?: "open" | "in_progress" | "done" | "verified";
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChecklistItem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/checklist/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The checklist items the caller's units own, not yet verified, soonest due first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                aspect: string | null;
                                can: {
                                    manage: boolean;
                                    work: boolean;
                                };
                                detail: string;
                                dueDate: string | null;
                                firstYear: number;
                                id: string;
                                indicator: string;
                                indicatorName: {
                                    en?: string;
                                    id: string;
                                };
                                item: string | null;
                                /** @enum {string} */
                                kind: "criteria" | "item" | "evidence_returned" | "official_return";
                                lastAssessmentId: string | null;
                                lastYear: number;
                                level: number | null;
                                note: string;
                                organization: {
                                    id: string;
                                    name: string;
                                };
                                overdue: boolean;
                                ownerUnit: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {string} */
                                source: "framework" | "plan" | "assessor" | "official";
                                /** @enum {string} */
                                status: "open" | "in_progress" | "done" | "verified";
                                title: {
                                    en?: string;
                                    id: string;
                                };
                                /** Format: date-time */
                                verifiedAt: string | null;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All cycles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Cycle"][];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Open an evaluation or monitoring cycle with its framework and schedule */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        frameworkId: string;
                        /** @enum {string} */
                        kind: "evaluation" | "monitoring";
                        name: string;
                        schedule: {
                            consolidation?: {
                                end: string;
                                start: string;
                            };
                            document_review?: {
                                end: string;
                                start: string;
                            };
                            interview?: {
                                end: string;
                                start: string;
                            };
                            self_assessment?: {
                                end: string;
                                start: string;
                            };
                            validation?: {
                                end: string;
                                start: string;
                            };
                            visit?: {
                                end: string;
                                start: string;
                            };
                        };
                        year: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cycle"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One cycle and how many participants it has */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                assignAssessors: boolean;
                                calibrate: boolean;
                                enrol: boolean;
                                export: boolean;
                                rank: boolean;
                            };
                            frameworkId: string;
                            id: string;
                            kind: string;
                            name: string;
                            participants: number;
                            schedule: {
                                [key: string]: {
                                    end: string;
                                    start: string;
                                };
                            };
                            version: number;
                            year: number;
                        };
                    };
                };
            };
        };
        /** Rename a cycle or change its schedule (with the version read; 409 when someone changed it first) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        schedule: {
                            consolidation?: {
                                end: string;
                                start: string;
                            };
                            document_review?: {
                                end: string;
                                start: string;
                            };
                            interview?: {
                                end: string;
                                start: string;
                            };
                            self_assessment?: {
                                end: string;
                                start: string;
                            };
                            validation?: {
                                end: string;
                                start: string;
                            };
                            visit?: {
                                end: string;
                                start: string;
                            };
                        };
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cycle"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/assessors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign an external assessor to an instansi in this cycle */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        organizationId: string;
                        /** Format: uuid */
                        userId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/calibration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far self-assessments stand from the assessors' results, and why evidence went back
         * @description Per indicator: instansi compared (with a self value and an assessors' value: the latest stage the assessment reached, with what earlier assessors' stages left), the mean of self − final, the share that over-claimed, the distribution of differences in whole levels, and evidence verdicts with returns by reason. Per instansi: its mean difference beside its peers of the same kind in the whole cycle. Means and rates over fewer than `minGroup` (5) instansi are null: only counts are given. The whole cycle is for national administrators; `province` for that province's coordinator and leadership; `organization` for the instansi's.
         */
        get: {
            parameters: {
                query?: {
                    /** @description One instansi, beside its peers */
                    organization?: string;
                    /** @description A province: its own instansi (itself and its kabupaten/kota) */
                    province?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cycle: {
                                id: string;
                                name: string;
                                year: number;
                            };
                            indicators: {
                                code: string;
                                compared: number;
                                distribution: {
                                    bias: number;
                                    count: number;
                                }[];
                                matched: number;
                                /** @description Mean of self − final; null over fewer than minGroup */
                                meanBias: number | null;
                                name: {
                                    en?: string;
                                    id: string;
                                };
                                overclaimed: number;
                                /** @description Share of instansi that claimed more than the assessors gave, 0–1; null over fewer than minGroup instansi (the counts stay) */
                                overclaimShare: number | null;
                                returned: number;
                                /** @description Returned over reviewed, 0–1; null over fewer than minGroup instansi (the counts stay) */
                                returnRate: number | null;
                                returnRateByReason: {
                                    [key: string]: number | null;
                                };
                                returnsByReason: {
                                    [key: string]: number;
                                };
                                /** @description Verdicts given on its evidence (accepted or returned) */
                                reviewed: number;
                                reviewedInstansi: number;
                                underclaimed: number;
                            }[];
                            /** @description Instansi with at least one indicator compared */
                            instansi: number;
                            minGroup: number;
                            organizations: {
                                compared: number;
                                kind: string;
                                meanBias: number | null;
                                name: string;
                                organizationId: string;
                                overclaimed: number;
                                peers: {
                                    count: number;
                                    meanBias: number | null;
                                };
                            }[];
                            scope: {
                                id: string;
                                kind: string;
                                name: string;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/calibration.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calibration as an Excel workbook (per indicator, per instansi, how to read it) */
        get: {
            parameters: {
                query?: {
                    /** @description One instansi, beside its peers */
                    organization?: string;
                    /** @description A province: its own instansi (itself and its kabupaten/kota) */
                    province?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An Excel workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A whole cycle as a workbook: every participant's index per stage and every participant × indicator × stage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An Excel workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enrol instansi: by id, by type, a province's kabupaten/kota, or all; each gets an assessment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        all?: boolean;
                        kinds?: ("kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota")[];
                        organizationIds?: string[];
                        /** Format: uuid */
                        province?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyEnrolled: number;
                            created: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/ranking": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** National administrators: every participant ranked by its headline index (each at the latest complete stage its state has reached, as every page shows it) or by its index at one stage, computed from the indicator rows; incomplete ones listed after */
        get: {
            parameters: {
                query?: {
                    stage?: "self" | "document" | "interview" | "visit" | "final" | "headline";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cycle: {
                                id: string;
                                name: string;
                                year: number;
                            };
                            items: {
                                answered: number;
                                assessmentId: string;
                                index: string | null;
                                label: {
                                    en: string;
                                    id: string;
                                };
                                organization: string;
                                organizationId: string;
                                percentile: number | null;
                                predicate: string | null;
                                province: string | null;
                                rank: number | null;
                                rankInProvince: number | null;
                                rankInType: number | null;
                                /** @enum {string} */
                                stage: "self" | "document" | "interview" | "visit" | "final";
                                /** @enum {string} */
                                state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
                                type: string;
                            }[];
                            ranked: number;
                            /** @enum {string} */
                            stage: "self" | "document" | "interview" | "visit" | "final" | "headline";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An evidence and all its file versions, and whether you may add a version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                replace: boolean;
                            };
                            files: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description What reading the file found (informative, never blocking): document_number and document_date (metadata), wrong_kind, other_object, review_outdated, instrument_outdated, no_text, duplicate, empty_or_tiny; each with a message in Indonesian and English and the text that triggered it */
                                findings: {
                                    /** @enum {string} */
                                    code: "document_number" | "document_date" | "wrong_kind" | "other_object" | "review_outdated" | "instrument_outdated" | "no_text" | "duplicate" | "empty_or_tiny";
                                    /** @description duplicate: the evidence with the same file, to link instead */
                                    evidenceId?: string;
                                    excerpt: string;
                                    message: {
                                        en: string;
                                        id: string;
                                    };
                                }[];
                                id: string;
                                mediaType: string;
                                originalName: string;
                                sha256: string;
                                size: number;
                            }[];
                            id: string;
                            /** @enum {string} */
                            kind: "file" | "link";
                            title: string;
                            url: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file (newest version unless ?file=), or preview PDF and images inline */
        get: {
            parameters: {
                query?: {
                    download?: "true" | "false";
                    file?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file, with its own content type */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description Part of the file (a Range request) */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/accepted-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What evidence uploads accept: file types with their endings, and the largest size */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            maxBytes: number;
                            types: {
                                extensions: string[];
                                mediaType: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the text of evidence you may read (Indonesian stemming, ranked, with snippets)
         * @description Words are matched on their stem ("peraturan" finds "pengaturan"); quotes search a phrase, a minus sign excludes a word. Each result is one evidence linked to one indicator level (the newest file version's text). `snippet` is plain text; `marks` are the [start, end) ranges of the matches in it.
         */
        get: {
            parameters: {
                query?: {
                    assessment?: string;
                    indicator?: string;
                    level?: number;
                    /** @description The instansi: every year of its evidence */
                    organization?: string;
                    page?: number;
                    pageSize?: number;
                    /** @description Words to find; without them, the evidence the filters leave, newest first */
                    q?: string;
                    /** @description The assessor's verdict on it */
                    status?: "pending" | "accepted" | "revision";
                    /** @description The unit (OPD) that provided it */
                    unit?: string;
                    year?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                assessmentId: string;
                                evidenceId: string;
                                indicator: string;
                                item: string | null;
                                level: number;
                                marks: {
                                    end: number;
                                    start: number;
                                }[];
                                organizationName: string;
                                rank: number;
                                snippet: string;
                                /** @enum {string} */
                                status: "pending" | "accepted" | "revision";
                                title: string;
                                /** @description The unit that provided it */
                                unitName: string | null;
                                /** @description The file version whose text matched */
                                versionId: string;
                                year: number;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/external-indices/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import index values for many instansi of a cycle (CSV: instansi,index,value,measured_on); 422 lists every problem by line and stores nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        csv: string;
                        /** Format: uuid */
                        cycleId: string;
                        /** @default false */
                        dryRun?: boolean;
                        /** @default upload.csv */
                        source?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assessments: number;
                            dryRun: boolean;
                            rows: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/framework-mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shipped mappings between frameworks (which new items an old indicator's evidence likely answers), for review */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                entries: {
                                    from: string;
                                    fromName: {
                                        en?: string;
                                        id: string;
                                    };
                                    items: {
                                        code: string;
                                        text: {
                                            en?: string;
                                            id: string;
                                        };
                                    }[];
                                    levels: number[] | null;
                                    note: {
                                        en?: string;
                                        id: string;
                                    };
                                }[];
                                from: string;
                                id: string;
                                note: {
                                    en?: string;
                                    id: string;
                                };
                                title: {
                                    en?: string;
                                    id: string;
                                };
                                to: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The evaluation frameworks Matang knows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                aspects: number;
                                decimals: number;
                                domains: number;
                                id: string;
                                indicators: number;
                                provisional: {
                                    note: {
                                        en?: string;
                                        id: string;
                                    };
                                } | null;
                                title: {
                                    en?: string;
                                    id: string;
                                };
                                years: number[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Import a framework file (matang.framework/v1); 422 lists every problem with its path */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            indicators: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A framework's full tree: domains, aspects, indicators, levels, criteria, evidence guidance */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aspects?: {
                                code: string;
                                indicators: {
                                    aliases?: string[];
                                    code: string;
                                    description?: {
                                        en?: string;
                                        id: string;
                                    };
                                    external?: string;
                                    levels: {
                                        check?: {
                                            instrumentWithinMonths?: number;
                                            kinds?: string[];
                                            reviewWithinMonths?: number;
                                        };
                                        criteria: {
                                            en?: string;
                                            id: string;
                                        };
                                        evidence?: {
                                            en?: string;
                                            id: string;
                                        };
                                        items?: {
                                            check?: {
                                                instrumentWithinMonths?: number;
                                                kinds?: string[];
                                                reviewWithinMonths?: number;
                                            };
                                            code: string;
                                            text: {
                                                en?: string;
                                                id: string;
                                            };
                                        }[];
                                        plan?: {
                                            afterPrevious?: number;
                                            budget?: boolean;
                                            earliest?: number;
                                            effort?: number;
                                            reason?: {
                                                en?: string;
                                                id: string;
                                            };
                                        };
                                        value: number;
                                    }[];
                                    name: {
                                        en?: string;
                                        id: string;
                                    };
                                    scale: string;
                                    weight: number;
                                }[];
                                name: {
                                    en?: string;
                                    id: string;
                                };
                                weight: number;
                            }[];
                            domains?: {
                                aspects: {
                                    code: string;
                                    indicators: {
                                        aliases?: string[];
                                        code: string;
                                        description?: {
                                            en?: string;
                                            id: string;
                                        };
                                        external?: string;
                                        levels: {
                                            check?: {
                                                instrumentWithinMonths?: number;
                                                kinds?: string[];
                                                reviewWithinMonths?: number;
                                            };
                                            criteria: {
                                                en?: string;
                                                id: string;
                                            };
                                            evidence?: {
                                                en?: string;
                                                id: string;
                                            };
                                            items?: {
                                                check?: {
                                                    instrumentWithinMonths?: number;
                                                    kinds?: string[];
                                                    reviewWithinMonths?: number;
                                                };
                                                code: string;
                                                text: {
                                                    en?: string;
                                                    id: string;
                                                };
                                            }[];
                                            plan?: {
                                                afterPrevious?: number;
                                                budget?: boolean;
                                                earliest?: number;
                                                effort?: number;
                                                reason?: {
                                                    en?: string;
                                                    id: string;
                                                };
                                            };
                                            value: number;
                                        }[];
                                        name: {
                                            en?: string;
                                            id: string;
                                        };
                                        scale: string;
                                        weight: number;
                                    }[];
                                    name: {
                                        en?: string;
                                        id: string;
                                    };
                                    weight: number;
                                }[];
                                code: string;
                                name: {
                                    en?: string;
                                    id: string;
                                };
                                weight: number;
                            }[];
                            evidenceChecks?: {
                                documentKinds?: {
                                    id: string;
                                    mediaTypes?: string[];
                                    name: {
                                        en?: string;
                                        id: string;
                                    };
                                    patterns?: string[];
                                    review?: boolean;
                                }[];
                                minTextChars?: number;
                                tinyBytes?: number;
                            };
                            externalIndices?: {
                                bands: {
                                    level: number;
                                    max: number;
                                    maxInclusive?: boolean;
                                    min: number;
                                    minInclusive?: boolean;
                                }[];
                                code: string;
                                decimals?: number;
                                max: number;
                                maxAgeMonths?: number;
                                min: number;
                                missingLevel?: number;
                                name: {
                                    en?: string;
                                    id: string;
                                };
                                owner?: string;
                            }[];
                            /** @enum {string} */
                            format: "matang.framework/v1";
                            id: string;
                            indexName?: {
                                en?: string;
                                id: string;
                            };
                            labelSets?: {
                                id: string;
                                name: {
                                    en?: string;
                                    id: string;
                                };
                            }[];
                            legalBasis?: string;
                            notes?: {
                                en?: string;
                                id: string;
                            }[];
                            portal?: {
                                acceptedTypes: string[];
                                fileName: string;
                                maxFileMb: number;
                                name: string;
                                note?: {
                                    en?: string;
                                    id: string;
                                };
                                /** Format: uri */
                                url?: string;
                            };
                            predicates: {
                                labels?: {
                                    [key: string]: {
                                        en?: string;
                                        id: string;
                                    };
                                };
                                max: number;
                                maxInclusive?: boolean;
                                min: number;
                                minInclusive?: boolean;
                                name: {
                                    en?: string;
                                    id: string;
                                };
                            }[];
                            provisional?: {
                                confidence?: {
                                    /** @enum {string} */
                                    level: "high" | "medium" | "low" | "unknown";
                                    sources?: string[];
                                    subject: {
                                        en?: string;
                                        id: string;
                                    };
                                }[];
                                note: {
                                    en?: string;
                                    id: string;
                                };
                                openQuestions?: {
                                    en?: string;
                                    id: string;
                                }[];
                                sources?: {
                                    code: string;
                                    text: string;
                                }[];
                            };
                            scales: {
                                decimals?: number;
                                id: string;
                                levels: {
                                    evidenceRequired?: boolean;
                                    meaning?: {
                                        en?: string;
                                        id: string;
                                    };
                                    name: {
                                        en?: string;
                                        id: string;
                                    };
                                    value: number;
                                }[];
                                name: {
                                    en?: string;
                                    id: string;
                                };
                            }[];
                            title: {
                                en?: string;
                                id: string;
                            };
                            /** @enum {string|null} */
                            valueFromItems?: null;
                            version?: number;
                            years: number[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is the service up and its database reachable? */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An invitation link (no login): who it is for and until when; 410 once used or expired */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            expiresAt: string;
                            name: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Choose a password through an invitation link (no login); the link then stops working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notifications, newest first (the latest 200), each with the assessment it is about, and how many are unread */
        get: {
            parameters: {
                query?: {
                    unread?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                assessmentId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                cycle: string | null;
                                dueDate: string | null;
                                from: string | null;
                                id: string;
                                indicator: string | null;
                                kind: string;
                                note: string | null;
                                organization: string | null;
                                payload: unknown;
                                /** Format: date-time */
                                readAt: string | null;
                                to: string | null;
                            }[];
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of your notifications are unread (for the bell) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark notifications read: the ones listed, or all with all: true */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        all?: boolean;
                        /** @default [] */
                        ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            marked: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search and list the organizations you may see */
        get: {
            parameters: {
                query?: {
                    kind?: ("kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota" | "unit") | ("kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota" | "unit")[];
                    page?: number;
                    pageSize?: number;
                    parent?: string;
                    province?: string;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                allowSelfAcceptance: boolean;
                                can: {
                                    configure: boolean;
                                };
                                category: string | null;
                                children: number;
                                id: string;
                                kind: string;
                                name: string;
                                parentId: string | null;
                                parentName: string | null;
                                version: number;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an instansi or a unit (OPD) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category?: string;
                        /** @enum {string} */
                        kind: "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota" | "unit";
                        name: string;
                        /** Format: uuid */
                        parentId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowSelfAcceptance: boolean;
                            category: string | null;
                            id: string;
                            kind: string;
                            name: string;
                            parentId: string | null;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One organization, with its parent and every name it has carried */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowSelfAcceptance: boolean;
                            category: string | null;
                            children: number;
                            id: string;
                            kind: string;
                            name: string;
                            names: {
                                fromYear: number | null;
                                name: string;
                                source: string | null;
                            }[];
                            parent: {
                                id: string;
                                kind: string;
                                name: string;
                            } | null;
                            parentId: string | null;
                            version: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename (the old name stays in its history); 409 if the version is stale */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowSelfAcceptance: boolean;
                            category: string | null;
                            id: string;
                            kind: string;
                            name: string;
                            parentId: string | null;
                            version: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/organizations/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published results over the years (index, predicate, domains, rank nationally, by type and within the province, rank change) joined with Matang's own assessments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                readTargets: boolean;
                            };
                            organization: {
                                id: string;
                                kind: string;
                                name: string;
                            };
                            years: {
                                assessments: {
                                    cycle: string;
                                    headline: components["schemas"]["Headline"];
                                    id: string;
                                    index: string | null;
                                    indexName: {
                                        en?: string;
                                        id: string;
                                    } | null;
                                    predicate: string | null;
                                    stage: string | null;
                                    /** @enum {string} */
                                    state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
                                }[];
                                indexName: {
                                    en?: string;
                                    id: string;
                                } | null;
                                national: {
                                    index: string;
                                    source: string;
                                } | null;
                                published: {
                                    domains: {
                                        [key: string]: string;
                                    };
                                    index: string;
                                    nameAsPublished: string;
                                    of: number;
                                    ofProvince: number | null;
                                    ofType: number;
                                    percentile: number;
                                    predicate: string;
                                    rank: number;
                                    rankChange: number | null;
                                    rankInProvince: number | null;
                                    rankInType: number;
                                } | null;
                                year: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/model-answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A province's model answers for a framework's indicators */
        get: {
            parameters: {
                query: {
                    framework: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                evidenceKinds: string[];
                                explanation: string;
                                id: string;
                                indicatorCode: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/model-answers/{frameworkId}/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Publish or change a province's model answer for an indicator (version 0 creates); 409 if the version is stale */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                    frameworkId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        evidenceKinds: string[];
                        explanation: string;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evidenceKinds: string[];
                            explanation: string;
                            id: string;
                            indicatorCode: string;
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Withdraw a model answer; 409 if the version is stale */
        delete: {
            parameters: {
                query: {
                    version: number;
                };
                header?: never;
                path: {
                    code: string;
                    frameworkId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Withdrawn */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move under another parent, with its whole subtree; 409 if the version is stale */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        parentId: string;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowSelfAcceptance: boolean;
                            category: string | null;
                            id: string;
                            kind: string;
                            name: string;
                            parentId: string | null;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/province": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A province's kabupaten/kota side by side: cycle progress and provisional indices, last published results, disparity */
        get: {
            parameters: {
                query?: {
                    cycle?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                calibrate: boolean;
                                manageModelAnswers: boolean;
                                setTarget: boolean;
                            };
                            cycle: {
                                frameworkId: string;
                                id: string;
                                name: string;
                                year: number;
                            } | null;
                            disparity: {
                                belowTarget: number;
                                provisional: {
                                    count: number;
                                    max: string | null;
                                    mean: string | null;
                                    min: string | null;
                                    range: string | null;
                                    stddev: string | null;
                                };
                                published: {
                                    count: number;
                                    max: string | null;
                                    mean: string | null;
                                    min: string | null;
                                    range: string | null;
                                    stddev: string | null;
                                    year: number | null;
                                };
                                publishedBelowTarget: number;
                            };
                            members: {
                                assessment: {
                                    answered: number;
                                    ceiling: string;
                                    complete: boolean;
                                    floor: string;
                                    headline: components["schemas"]["Headline"];
                                    id: string;
                                    index: string | null;
                                    predicate: string | null;
                                    /** @enum {string} */
                                    stage: "self" | "document" | "interview" | "visit" | "final";
                                    /** @enum {string} */
                                    state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
                                    total: number;
                                } | null;
                                belowTarget: boolean | null;
                                kind: string;
                                name: string;
                                organizationId: string;
                                published: {
                                    index: string;
                                    ofProvince: number | null;
                                    predicate: string;
                                    rank: number;
                                    rankChange: number | null;
                                    rankInProvince: number | null;
                                    year: number;
                                } | null;
                                target: string | null;
                            }[];
                            province: {
                                id: string;
                                name: string;
                            };
                            target: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/province.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The province view as an Excel workbook (indices as numbers), for a coordination meeting */
        get: {
            parameters: {
                query?: {
                    cycle?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An Excel workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** An instansi's settings, by its coordinator: whether whoever uploaded evidence may also accept it (off by default); 409 if the version is stale */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowSelfAcceptance: boolean;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowSelfAcceptance: boolean;
                            category: string | null;
                            id: string;
                            kind: string;
                            name: string;
                            parentId: string | null;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An instansi's targets, every year */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                calendar: {
                                    [key: string]: {
                                        budgeted?: boolean;
                                        earliest?: {
                                            [key: string]: number;
                                        };
                                        max?: number;
                                        maxStep?: number;
                                    };
                                };
                                efforts: {
                                    [key: string]: number;
                                };
                                index: string | null;
                                indicators: {
                                    [key: string]: number;
                                };
                                /** Format: date-time */
                                updatedAt: string | null;
                                version: number;
                                year: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/targets/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An instansi's target for a year (version 0 and no index when none is set) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    year: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar: {
                                [key: string]: {
                                    budgeted?: boolean;
                                    earliest?: {
                                        [key: string]: number;
                                    };
                                    max?: number;
                                    maxStep?: number;
                                };
                            };
                            efforts: {
                                [key: string]: number;
                            };
                            index: string | null;
                            indicators: {
                                [key: string]: number;
                            };
                            /** Format: date-time */
                            updatedAt: string | null;
                            version: number;
                            year: number;
                        };
                    };
                };
            };
        };
        /** Set the year's target index, optionally a level per indicator and the effort of each indicator's level step; 409 if the version is stale */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    year: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        calendar?: {
                            [key: string]: {
                                budgeted?: boolean;
                                earliest?: {
                                    [key: string]: number;
                                };
                                max?: number;
                                maxStep?: number;
                            };
                        };
                        /** @default {} */
                        efforts?: {
                            [key: string]: number;
                        };
                        index: string;
                        /** @default {} */
                        indicators?: {
                            [key: string]: number;
                        };
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar: {
                                [key: string]: {
                                    budgeted?: boolean;
                                    earliest?: {
                                        [key: string]: number;
                                    };
                                    max?: number;
                                    maxStep?: number;
                                };
                            };
                            efforts: {
                                [key: string]: number;
                            };
                            index: string | null;
                            indicators: {
                                [key: string]: number;
                            };
                            /** Format: date-time */
                            updatedAt: string | null;
                            version: number;
                            year: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import the instansi registry (CSV like the official results: instansi, type, region[, group]) */
        post: {
            parameters: {
                query?: {
                    name?: string;
                    year?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byKind: {
                                [key: string]: number;
                            };
                            created: number;
                            linked: number;
                            matched: number;
                            total: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published results of a year (default: the newest), sorted by rank, with rank by type and province, rank change, percentile, per-type means and the distribution (no login). Filters narrow the list; ranks are always among all. */
        get: {
            parameters: {
                query?: {
                    province?: string;
                    q?: string;
                    type?: "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota";
                    year?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carried: {
                                fromYear: number;
                                index: string;
                                organization: string;
                                organizationId: string;
                                predicate: string;
                                province: string | null;
                                type: string;
                            }[];
                            distribution: {
                                count: number;
                                from: string;
                                to: string;
                            }[];
                            indexName: {
                                en?: string;
                                id: string;
                            } | null;
                            items: {
                                domains: {
                                    [key: string]: string;
                                };
                                index: string;
                                nameAsPublished: string;
                                of: number;
                                ofProvince: number | null;
                                ofType: number;
                                organization: string;
                                organizationId: string;
                                percentile: number;
                                predicate: string;
                                previousIndex: string | null;
                                previousRank: number | null;
                                province: string | null;
                                rank: number;
                                rankChange: number | null;
                                rankInProvince: number | null;
                                rankInType: number;
                                type: string;
                            }[];
                            national: {
                                index: string;
                                source: string;
                            } | null;
                            predicates: {
                                [key: string]: number;
                            };
                            previousIndexName: {
                                en?: string;
                                id: string;
                            } | null;
                            previousYear: number | null;
                            provinces: string[];
                            summary: {
                                all: {
                                    count: number;
                                    max: string | null;
                                    mean: string | null;
                                    min: string | null;
                                    range: string | null;
                                    stddev: string | null;
                                };
                                byType: {
                                    [key: string]: {
                                        count: number;
                                        max: string | null;
                                        mean: string | null;
                                        min: string | null;
                                        range: string | null;
                                        stddev: string | null;
                                    };
                                };
                            };
                            total: number;
                            year: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/results.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same published results as CSV, for spreadsheets (no login) */
        get: {
            parameters: {
                query?: {
                    province?: string;
                    q?: string;
                    type?: "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota";
                    year?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV text, UTF-8 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/results.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same published results as an Excel workbook: indices as numbers, so Excel in any locale shows and sorts them (no login) */
        get: {
            parameters: {
                query?: {
                    province?: string;
                    q?: string;
                    type?: "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota";
                    year?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An Excel workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/results/years": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Years with published results (no login) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                count: number;
                                year: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/results/{year}/{organizationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Undo a match: remove a body's result of the year and the name that import taught Matang, so the row can be imported again to the right body */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                    year: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            organizationId: string;
                            year: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/results/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import official results (CSV text like results-2023.csv): a dry run lists matches and uncertain names; confirmed lines are matched to the chosen organization */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        confirmations?: {
                            line: number;
                            /** Format: uuid */
                            organizationId: string;
                        }[];
                        /** @default [] */
                        create?: number[];
                        csv: string;
                        /** @default false */
                        dryRun?: boolean;
                        /** @default upload.csv */
                        source?: string;
                        year?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            confirmed: number;
                            created: number;
                            readonly createdBodies: {
                                line: number;
                                name: string;
                                organizationId: string;
                            }[];
                            dryRun: boolean;
                            imported: number;
                            readonly matchedBy: {
                                detail: string;
                                line: number;
                                name: string;
                                organization: string;
                                organizationId: string;
                                /** @enum {string} */
                                rule: "province_corrected" | "province_moved" | "institution_secretariat" | "ministry_renamed";
                                year: number;
                            }[];
                            total: number;
                            unchanged: number;
                            readonly unmatched: {
                                readonly candidates: {
                                    id: string;
                                    name: string;
                                    similarity: number;
                                }[];
                                kind: string;
                                line: number;
                                name: string;
                                region: string | null;
                            }[];
                            updated: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/results/years": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every year with imported results, drafts included, with the number of bodies beside the year before (administrators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                count: number;
                                previousCount: number | null;
                                published: boolean;
                                publishedAt: string | null;
                                year: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/results/years/{year}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish an imported year: until then it is a draft, absent from the public page and its years. Audited */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    year: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            previousCount: number | null;
                            published: boolean;
                            publishedAt: string | null;
                            year: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Begin a resumable upload (tus 1.0.0: Upload-Length, Upload-Metadata with filename and assessment); then PATCH /api/uploads/{id} with the bytes, HEAD to learn where to go on after a cut, and POST /api/assessments/{id}/evidence/resumable to record it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Created: the Location header names the upload (tus 1.0.0); no body */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/uploads/{uploadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** A resumable upload (tus 1.0.0): HEAD its offset, PATCH the next bytes, DELETE to give it up */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uploadId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description HEAD: Upload-Offset and Upload-Length say how far it got */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                /** @description PATCH: received, Upload-Offset is the new offset; DELETE: given up */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        /** A resumable upload (tus 1.0.0): HEAD its offset, PATCH the next bytes, DELETE to give it up */
        head: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uploadId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description HEAD: Upload-Offset and Upload-Length say how far it got */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                /** @description PATCH: received, Upload-Offset is the new offset; DELETE: given up */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        /** A resumable upload (tus 1.0.0): HEAD its offset, PATCH the next bytes, DELETE to give it up */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uploadId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description HEAD: Upload-Offset and Upload-Length say how far it got */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                /** @description PATCH: received, Upload-Offset is the new offset; DELETE: given up */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users holding roles in the organizations you manage */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can: {
                                create: boolean;
                                /** @description The roles the caller may give (where is checked on save) */
                                roles: ("admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader")[];
                            };
                            items: components["schemas"]["User"][];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an account with its roles; without a password one is generated and returned once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        grants: {
                            /** Format: date */
                            endsOn?: string | null;
                            /** Format: uuid */
                            organizationId: string | null;
                            /** @enum {string} */
                            role: "admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader";
                        }[];
                        name: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            password: string | null;
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant a role on an organization (and its subtree), or nationally with organizationId null */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        endsOn?: string | null;
                        /** Format: uuid */
                        organizationId: string | null;
                        /** @enum {string} */
                        role: "admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/grants/{grantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw a role */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    grantId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/handover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a leaving person's roles and assessor assignments to a successor in one step, optionally closing the leaver's account (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        deactivate?: boolean;
                        /** Format: uuid */
                        successorId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assessorAssignments: number;
                            deactivated: boolean;
                            grants: number;
                            successor: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's API tokens (never their secrets), for administrators */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string | null;
                                id: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                name: string;
                                /** Format: date-time */
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a user's API token, for administrators */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift the locks failed logins put on an account, from every address (administrators) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cleared: number;
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite a person without an e-mail server: the account with its roles, and a one-time link (7 days) to choose a password, shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        grants: {
                            /** Format: date */
                            endsOn?: string | null;
                            /** Format: uuid */
                            organizationId: string | null;
                            /** @enum {string} */
                            role: "admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader";
                        }[];
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            path: string;
                            token: string;
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Assessment: {
            blocked: {
                assign?: components["schemas"]["Blocked"];
                edit?: components["schemas"]["Blocked"];
                move?: components["schemas"]["Blocked"];
                publish?: components["schemas"]["Blocked"];
                reopen?: components["schemas"]["Blocked"];
                review?: components["schemas"]["Blocked"];
                score?: components["schemas"]["Blocked"];
                submit?: components["schemas"]["Blocked"];
                uploadEvidence?: components["schemas"]["Blocked"];
                validate?: components["schemas"]["Blocked"];
            };
            can: {
                assign: boolean;
                calibrate: boolean;
                checklist: boolean;
                edit: boolean;
                manageChecklist: boolean;
                move: boolean;
                overview: boolean;
                portal: boolean;
                publish: boolean;
                readTargets: boolean;
                reopen: boolean;
                review: boolean;
                score: boolean;
                setEvaluation: boolean;
                setTargets: boolean;
                submit: boolean;
                uploadEvidence: boolean;
                validate: boolean;
            };
            cycle: {
                frameworkId: string;
                id: string;
                name: string;
                schedule: {
                    [key: string]: {
                        end: string;
                        start: string;
                    };
                };
                year: number;
            };
            evaluation: {
                evaluated: boolean;
                /** @enum {string|null} */
                reason: "above_threshold" | "not_locus" | "off_year" | null;
            };
            headline: components["schemas"]["Headline"];
            id: string;
            moves: {
                /** @enum {string} */
                direction: "forward" | "back";
                /** @enum {string} */
                operation: "assessment.submit" | "assessment.advance" | "assessment.reopen" | "assessment.publish";
                /** @enum {string} */
                to: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
                unscored: string[];
            }[];
            organization: {
                id: string;
                kind: string;
                name: string;
            };
            reopenedUntil: string | null;
            scores: {
                document: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
                final: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
                interview: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
                self: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
                visit: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
            };
            stageOpen: boolean;
            /** @enum {string} */
            state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
            submittedAt: string | null;
            validation: {
                corrected: number;
                notValid: number;
                valid: number;
            };
            version: number;
        };
        AssessmentInput: {
            blocked: {
                assign?: components["schemas"]["BlockedInput"];
                edit?: components["schemas"]["BlockedInput"];
                move?: components["schemas"]["BlockedInput"];
                publish?: components["schemas"]["BlockedInput"];
                reopen?: components["schemas"]["BlockedInput"];
                review?: components["schemas"]["BlockedInput"];
                score?: components["schemas"]["BlockedInput"];
                submit?: components["schemas"]["BlockedInput"];
                uploadEvidence?: components["schemas"]["BlockedInput"];
                validate?: components["schemas"]["BlockedInput"];
            };
            can: {
                assign: boolean;
                calibrate: boolean;
                checklist: boolean;
                edit: boolean;
                manageChecklist: boolean;
                move: boolean;
                overview: boolean;
                portal: boolean;
                publish: boolean;
                readTargets: boolean;
                reopen: boolean;
                review: boolean;
                score: boolean;
                setEvaluation: boolean;
                setTargets: boolean;
                submit: boolean;
                uploadEvidence: boolean;
                validate: boolean;
            };
            cycle: {
                frameworkId: string;
                id: string;
                name: string;
                schedule: {
                    [key: string]: {
                        end: string;
                        start: string;
                    };
                };
                year: number;
            };
            evaluation: {
                evaluated: boolean;
                /** @enum {string|null} */
                reason: "above_threshold" | "not_locus" | "off_year" | null;
            };
            headline: components["schemas"]["HeadlineInput"];
            id: string;
            moves: {
                /** @enum {string} */
                direction: "forward" | "back";
                /** @enum {string} */
                operation: "assessment.submit" | "assessment.advance" | "assessment.reopen" | "assessment.publish";
                /** @enum {string} */
                to: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
                unscored: string[];
            }[];
            organization: {
                id: string;
                kind: string;
                name: string;
            };
            reopenedUntil: string | null;
            scores: {
                document: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
                final: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
                interview: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
                self: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
                visit: {
                    answered: number;
                    aspects: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    ceiling: number;
                    ceilingDisplay: string;
                    complete: boolean;
                    domains: {
                        ceiling: number;
                        code: string;
                        floor: number;
                        index: number | null;
                        indexDisplay: string | null;
                        name: string;
                    }[];
                    floor: number;
                    floorDisplay: string;
                    index: number | null;
                    indexDisplay: string | null;
                    missing: number;
                    predicate: string | null;
                    predicateLabels: {
                        [key: string]: {
                            en?: string;
                            id: string;
                        };
                    };
                    predicateName: {
                        en?: string;
                        id: string;
                    } | null;
                    total: number;
                };
            };
            stageOpen: boolean;
            /** @enum {string} */
            state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
            submittedAt: string | null;
            validation: {
                corrected: number;
                notValid: number;
                valid: number;
            };
            version: number;
        };
        AssessmentSummary: {
            cycleId: string;
            cycleName: string;
            id: string;
            organizationId: string;
            organizationName: string;
            /** @enum {string} */
            state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
            version: number;
            year: number;
        };
        AssessmentSummaryInput: {
            cycleId: string;
            cycleName: string;
            id: string;
            organizationId: string;
            organizationName: string;
            /** @enum {string} */
            state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
            version: number;
            year: number;
        };
        Blocked: {
            /** @enum {string} */
            code: "wrong_state";
            states: ("self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published")[];
        } | {
            /** @enum {string} */
            code: "stage_closed";
            end: string | null;
        } | {
            /** @enum {string} */
            code: "incomplete";
            missing: string[];
        } | {
            /** @enum {string} */
            code: "validation_open";
            indicators: string[];
        };
        BlockedInput: {
            /** @enum {string} */
            code: "wrong_state";
            states: ("self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published")[];
        } | {
            /** @enum {string} */
            code: "stage_closed";
            end: string | null;
        } | {
            /** @enum {string} */
            code: "incomplete";
            missing: string[];
        } | {
            /** @enum {string} */
            code: "validation_open";
            indicators: string[];
        };
        ChecklistItem: {
            aspect: string | null;
            can: {
                manage: boolean;
                work: boolean;
            };
            detail: string;
            dueDate: string | null;
            firstYear: number;
            id: string;
            indicator: string;
            indicatorName: {
                en?: string;
                id: string;
            };
            item: string | null;
            /** @enum {string} */
            kind: "criteria" | "item" | "evidence_returned" | "official_return";
            lastAssessmentId: string | null;
            lastYear: number;
            level: number | null;
            note: string;
            overdue: boolean;
            ownerUnit: {
                id: string;
                name: string;
            } | null;
            /** @enum {string} */
            source: "framework" | "plan" | "assessor" | "official";
            /** @enum {string} */
            status: "open" | "in_progress" | "done" | "verified";
            title: {
                en?: string;
                id: string;
            };
            /** Format: date-time */
            verifiedAt: string | null;
            version: number;
        };
        ChecklistItemInput: {
            aspect: string | null;
            can: {
                manage: boolean;
                work: boolean;
            };
            detail: string;
            dueDate: string | null;
            firstYear: number;
            id: string;
            indicator: string;
            indicatorName: {
                en?: string;
                id: string;
            };
            item: string | null;
            /** @enum {string} */
            kind: "criteria" | "item" | "evidence_returned" | "official_return";
            lastAssessmentId: string | null;
            lastYear: number;
            level: number | null;
            note: string;
            overdue: boolean;
            ownerUnit: {
                id: string;
                name: string;
            } | null;
            /** @enum {string} */
            source: "framework" | "plan" | "assessor" | "official";
            /** @enum {string} */
            status: "open" | "in_progress" | "done" | "verified";
            title: {
                en?: string;
                id: string;
            };
            verifiedAt: unknown;
            version: number;
        };
        Comment: {
            author: string;
            body: string;
            /** Format: date-time */
            createdAt: string;
            id: string;
        };
        CommentInput: {
            author: string;
            body: string;
            createdAt: unknown;
            id: string;
        };
        Cycle: {
            can: {
                assignAssessors: boolean;
                calibrate: boolean;
                enrol: boolean;
                export: boolean;
                rank: boolean;
            };
            frameworkId: string;
            id: string;
            kind: string;
            name: string;
            schedule: {
                [key: string]: {
                    end: string;
                    start: string;
                };
            };
            version: number;
            year: number;
        };
        CycleInput: {
            can: {
                assignAssessors: boolean;
                calibrate: boolean;
                enrol: boolean;
                export: boolean;
                rank: boolean;
            };
            frameworkId: string;
            id: string;
            kind: string;
            name: string;
            schedule: {
                [key: string]: {
                    end: string;
                    start: string;
                };
            };
            version: number;
            year: number;
        };
        EvidenceLink: {
            addedAt: string;
            can: {
                accept: boolean;
                replace: boolean;
                review: boolean;
                withdraw: boolean;
            };
            evidenceId: string;
            file: {
                /** @description What reading the file found (informative, never blocking): document_number and document_date (metadata), wrong_kind, other_object, review_outdated, instrument_outdated, no_text, duplicate, empty_or_tiny; each with a message in Indonesian and English and the text that triggered it */
                findings: {
                    /** @enum {string} */
                    code: "document_number" | "document_date" | "wrong_kind" | "other_object" | "review_outdated" | "instrument_outdated" | "no_text" | "duplicate" | "empty_or_tiny";
                    /** @description duplicate: the evidence with the same file, to link instead */
                    evidenceId?: string;
                    excerpt: string;
                    message: {
                        en: string;
                        id: string;
                    };
                }[];
                mediaType: string;
                name: string;
                size: number;
                text: {
                    ocrPages: number;
                    pages: number | null;
                    /** @enum {string} */
                    status: "pending" | "done" | "no_text" | "skipped" | "failed";
                } | null;
                uploadedAt: string;
                uploadedBy: string | null;
            } | null;
            fileVersion: number;
            id: string;
            item: string | null;
            /** @enum {string} */
            kind: "file" | "link";
            level: number;
            note: string | null;
            reason: string | null;
            /** @enum {string} */
            review: "pending" | "accepted" | "revision";
            selfAccepted: boolean;
            title: string;
            unitId: string | null;
            uploadedBy: string | null;
            uploadNote: string;
            url: string | null;
            version: number;
        };
        EvidenceLinkInput: {
            addedAt: string;
            can: {
                accept: boolean;
                replace: boolean;
                review: boolean;
                withdraw: boolean;
            };
            evidenceId: string;
            file: {
                /** @description What reading the file found (informative, never blocking): document_number and document_date (metadata), wrong_kind, other_object, review_outdated, instrument_outdated, no_text, duplicate, empty_or_tiny; each with a message in Indonesian and English and the text that triggered it */
                findings: {
                    /** @enum {string} */
                    code: "document_number" | "document_date" | "wrong_kind" | "other_object" | "review_outdated" | "instrument_outdated" | "no_text" | "duplicate" | "empty_or_tiny";
                    /** @description duplicate: the evidence with the same file, to link instead */
                    evidenceId?: string;
                    excerpt: string;
                    message: {
                        en: string;
                        id: string;
                    };
                }[];
                mediaType: string;
                name: string;
                size: number;
                text: {
                    ocrPages: number;
                    pages: number | null;
                    /** @enum {string} */
                    status: "pending" | "done" | "no_text" | "skipped" | "failed";
                } | null;
                uploadedAt: string;
                uploadedBy: string | null;
            } | null;
            fileVersion: number;
            id: string;
            item: string | null;
            /** @enum {string} */
            kind: "file" | "link";
            level: number;
            note: string | null;
            reason: string | null;
            /** @enum {string} */
            review: "pending" | "accepted" | "revision";
            selfAccepted: boolean;
            title: string;
            unitId: string | null;
            uploadedBy: string | null;
            uploadNote: string;
            url: string | null;
            version: number;
        };
        ExternalEffect: {
            code: string;
            difference: string;
            from: number | null;
            indexAfter: string;
            indexBefore: string;
            indicators: {
                code: string;
                from: number | null;
                to: number | null;
            }[];
            to: number;
        };
        ExternalEffectInput: {
            code: string;
            difference: string;
            from: number | null;
            indexAfter: string;
            indexBefore: string;
            indicators: {
                code: string;
                from: number | null;
                to: number | null;
            }[];
            to: number;
        };
        ExternalFeed: {
            counted: number | null;
            expiresOn: string | null;
            index: string;
            level: number | null;
            measuredOn: string | null;
            name: {
                en?: string;
                id: string;
            };
            owner: string | null;
            /** @enum {string} */
            state: "recorded" | "missing" | "expired";
            value: number | null;
        };
        ExternalFeedInput: {
            counted: number | null;
            expiresOn: string | null;
            index: string;
            level: number | null;
            measuredOn: string | null;
            name: {
                en?: string;
                id: string;
            };
            owner: string | null;
            /** @enum {string} */
            state: "recorded" | "missing" | "expired";
            value: number | null;
        };
        ExternalIndex: {
            bands: {
                level: number;
                max: number;
                maxInclusive: boolean;
                min: number;
                minInclusive: boolean;
            }[];
            code: string;
            counted: number | null;
            decimals: number;
            evidenceId: string | null;
            evidenceTitle: string | null;
            expiresOn: string | null;
            indicators: {
                code: string;
                name: {
                    en?: string;
                    id: string;
                };
            }[];
            level: number | null;
            max: number;
            maxAgeMonths: number | null;
            measuredOn: string | null;
            min: number;
            missingLevel: number | null;
            name: {
                en?: string;
                id: string;
            };
            note: string;
            owner: string | null;
            /** @enum {string} */
            state: "recorded" | "missing" | "expired";
            unitId: string | null;
            unitName: string | null;
            value: number | null;
            version: number;
        };
        ExternalIndexInput: {
            bands: {
                level: number;
                max: number;
                maxInclusive: boolean;
                min: number;
                minInclusive: boolean;
            }[];
            code: string;
            counted: number | null;
            decimals: number;
            evidenceId: string | null;
            evidenceTitle: string | null;
            expiresOn: string | null;
            indicators: {
                code: string;
                name: {
                    en?: string;
                    id: string;
                };
            }[];
            level: number | null;
            max: number;
            maxAgeMonths: number | null;
            measuredOn: string | null;
            min: number;
            missingLevel: number | null;
            name: {
                en?: string;
                id: string;
            };
            note: string;
            owner: string | null;
            /** @enum {string} */
            state: "recorded" | "missing" | "expired";
            unitId: string | null;
            unitName: string | null;
            value: number | null;
            version: number;
        };
        Headline: {
            answered: number;
            ceiling: number;
            ceilingDisplay: string;
            complete: boolean;
            floor: number;
            floorDisplay: string;
            index: number | null;
            indexDisplay: string | null;
            label: {
                en: string;
                id: string;
            };
            predicate: string | null;
            predicateLabels: {
                [key: string]: {
                    en?: string;
                    id: string;
                };
            };
            predicateName: {
                en?: string;
                id: string;
            } | null;
            /** @enum {string} */
            source: "stage";
            /** @enum {string} */
            stage: "self" | "document" | "interview" | "visit" | "final";
            total: number;
        };
        HeadlineInput: {
            answered: number;
            ceiling: number;
            ceilingDisplay: string;
            complete: boolean;
            floor: number;
            floorDisplay: string;
            index: number | null;
            indexDisplay: string | null;
            label: {
                en: string;
                id: string;
            };
            predicate: string | null;
            predicateLabels: {
                [key: string]: {
                    en?: string;
                    id: string;
                };
            };
            predicateName: {
                en?: string;
                id: string;
            } | null;
            /** @enum {string} */
            source: "stage";
            /** @enum {string} */
            stage: "self" | "document" | "interview" | "visit" | "final";
            total: number;
        };
        HistoryItem: {
            assessmentId: string;
            cycle: string;
            headline: components["schemas"]["Headline"];
            index: number | null;
            indexDisplay: string | null;
            indexName: {
                en?: string;
                id: string;
            } | null;
            predicate: string | null;
            /** @enum {string|null} */
            stage: "self" | "document" | "interview" | "visit" | "final" | null;
            /** @enum {string} */
            state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
            year: number;
        };
        HistoryItemInput: {
            assessmentId: string;
            cycle: string;
            headline: components["schemas"]["HeadlineInput"];
            index: number | null;
            indexDisplay: string | null;
            indexName: {
                en?: string;
                id: string;
            } | null;
            predicate: string | null;
            /** @enum {string|null} */
            stage: "self" | "document" | "interview" | "visit" | "final" | null;
            /** @enum {string} */
            state: "self_assessment" | "submitted" | "document_review" | "interview" | "visit" | "consolidation" | "validation" | "published";
            year: number;
        };
        IndicatorRow: {
            answerUnitId: string | null;
            aspect: string;
            assignments: {
                dueDate: string | null;
                unitId: string;
                unitName: string;
            }[];
            assignmentVersion: number;
            can: {
                addEvidence: boolean;
                answer: boolean;
                assign: boolean;
                consolidate: boolean;
                returnProposal: boolean;
                reviewEvidence: boolean;
                score: boolean;
                validate: boolean;
            };
            claimedLevel: number | null;
            code: string;
            decimals: number;
            domain: string | null;
            evidence: components["schemas"]["EvidenceLink"][];
            external: components["schemas"]["ExternalFeed"] | null;
            gaps: ({
                /** @enum {string} */
                gap: "level";
            } | {
                /** @enum {string} */
                gap: "explanation";
            } | {
                /** @enum {string} */
                gap: "evidence";
                levels: number[];
            } | {
                /** @enum {string} */
                gap: "proposal";
                units: string[];
            })[];
            gating: {
                blockedAt: number | null;
                /** @enum {string|null} */
                blockedBy: "accepted" | "returned" | "pending" | "missing" | null;
            };
            itemCounts: {
                accepted: number;
                level: number;
                total: number;
            }[];
            items: components["schemas"]["ItemRow"][];
            name: string;
            names: {
                en?: string;
                id: string;
            };
            review: {
                /** @enum {string|null} */
                next: "review" | "assessor" | null;
            } | null;
            scale: string;
            stages: {
                document?: components["schemas"]["StageValue"];
                final?: components["schemas"]["StageValue"];
                interview?: components["schemas"]["StageValue"];
                self?: components["schemas"]["StageValue"];
                validation?: components["schemas"]["StageValue"];
                visit?: components["schemas"]["StageValue"];
            };
            /** @enum {string} */
            status: "not_started" | "in_progress" | "ready" | "returned" | "done";
            supportedLevel: number | null;
            unitAnswers: components["schemas"]["UnitAnswer"][];
            weight: number;
        };
        IndicatorRowInput: {
            answerUnitId: string | null;
            aspect: string;
            assignments: {
                dueDate: string | null;
                unitId: string;
                unitName: string;
            }[];
            assignmentVersion: number;
            can: {
                addEvidence: boolean;
                answer: boolean;
                assign: boolean;
                consolidate: boolean;
                returnProposal: boolean;
                reviewEvidence: boolean;
                score: boolean;
                validate: boolean;
            };
            claimedLevel: number | null;
            code: string;
            decimals: number;
            domain: string | null;
            evidence: components["schemas"]["EvidenceLinkInput"][];
            external: components["schemas"]["ExternalFeedInput"] | null;
            gaps: ({
                /** @enum {string} */
                gap: "level";
            } | {
                /** @enum {string} */
                gap: "explanation";
            } | {
                /** @enum {string} */
                gap: "evidence";
                levels: number[];
            } | {
                /** @enum {string} */
                gap: "proposal";
                units: string[];
            })[];
            gating: {
                blockedAt: number | null;
                /** @enum {string|null} */
                blockedBy: "accepted" | "returned" | "pending" | "missing" | null;
            };
            itemCounts: {
                accepted: number;
                level: number;
                total: number;
            }[];
            items: components["schemas"]["ItemRowInput"][];
            name: string;
            names: {
                en?: string;
                id: string;
            };
            review: {
                /** @enum {string|null} */
                next: "review" | "assessor" | null;
            } | null;
            scale: string;
            stages: {
                document?: components["schemas"]["StageValueInput"];
                final?: components["schemas"]["StageValueInput"];
                interview?: components["schemas"]["StageValueInput"];
                self?: components["schemas"]["StageValueInput"];
                validation?: components["schemas"]["StageValueInput"];
                visit?: components["schemas"]["StageValueInput"];
            };
            /** @enum {string} */
            status: "not_started" | "in_progress" | "ready" | "returned" | "done";
            supportedLevel: number | null;
            unitAnswers: components["schemas"]["UnitAnswerInput"][];
            weight: number;
        };
        ItemRow: {
            blockedBy: string[];
            code: string;
            dueDate: string | null;
            level: number;
            links: number;
            mine: boolean;
            note: string | null;
            reason: string | null;
            /** @enum {string} */
            status: "accepted" | "returned" | "pending" | "not_uploaded" | "auto_rejected";
            text: {
                en?: string;
                id: string;
            };
            unitId: string | null;
            unitName: string | null;
        };
        ItemRowInput: {
            blockedBy: string[];
            code: string;
            dueDate: string | null;
            level: number;
            links: number;
            mine: boolean;
            note: string | null;
            reason: string | null;
            /** @enum {string} */
            status: "accepted" | "returned" | "pending" | "not_uploaded" | "auto_rejected";
            text: {
                en?: string;
                id: string;
            };
            unitId: string | null;
            unitName: string | null;
        };
        StageValue: {
            level: number | null;
            note: string;
            verdict: string | null;
            version: number;
        };
        StageValueInput: {
            level: number | null;
            note: string;
            verdict: string | null;
            version: number;
        };
        Thread: {
            comments: components["schemas"]["Comment"][];
            history: {
                action: string;
                actor: string;
                after: unknown;
                /** Format: date-time */
                at: string;
                before: unknown;
            }[];
        };
        ThreadInput: {
            comments: components["schemas"]["CommentInput"][];
            history: {
                action: string;
                actor: string;
                after: unknown;
                at: unknown;
                before: unknown;
            }[];
        };
        UnitAnswer: {
            explanation: string;
            level: number | null;
            returnNote: string | null;
            /** @enum {string} */
            status: "in_progress" | "ready" | "returned";
            unitId: string;
            version: number;
        };
        UnitAnswerInput: {
            explanation: string;
            level: number | null;
            returnNote: string | null;
            /** @enum {string} */
            status: "in_progress" | "ready" | "returned";
            unitId: string;
            version: number;
        };
        User: {
            active: boolean;
            can: {
                grant: boolean;
                manage: boolean;
                unlock: boolean;
            };
            email: string;
            grants: {
                can: {
                    revoke: boolean;
                };
                endsOn: string | null;
                id: string;
                organizationId: string | null;
                organizationName: string | null;
                organizationParentName: string | null;
                /** @enum {string} */
                role: "admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader";
            }[];
            id: string;
            locked: boolean;
            name: string;
            version: number;
        };
        UserInput: {
            active: boolean;
            can: {
                grant: boolean;
                manage: boolean;
                unlock: boolean;
            };
            email: string;
            grants: {
                can: {
                    revoke: boolean;
                };
                endsOn: string | null;
                id: string;
                organizationId: string | null;
                organizationName: string | null;
                organizationParentName: string | null;
                /** @enum {string} */
                role: "admin" | "coordinator" | "operator" | "internal_assessor" | "external_assessor" | "reviewer" | "leader";
            }[];
            id: string;
            locked: boolean;
            name: string;
            version: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
