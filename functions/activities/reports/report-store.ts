// Drill reports in blob storage: the JSON document and the HTML page of each drill, a record of their SHA-256
// hashes taken when they were written, and newest-first indexes (all drills, and per plan) of empty blobs. Reading a
// report hashes the stored bytes again and says whether they still match the record, so an edit made to a report
// after the fact shows in the API instead of passing as evidence.
import { createHash } from "node:crypto";
import type { ContainerClient } from "@azure/storage-blob";
import type { DrillReport } from "../../core/report/drill-report";
import { lazyContainer, readBlobText, storageStatus } from "../storage/blob-io";
import { assertOperationId, assertPlanName, isOperationId } from "../storage/names";
import { decodePageToken, encodePageToken } from "../storage/page-token";

export interface ReportIntegrity {
  algorithm: "SHA-256";
  /** Both stored documents hash to what was recorded when they were written. */
  intact: boolean;
  json: { sha256: string; matches: boolean };
  html: { sha256: string; matches: boolean };
}

export interface StoredReport {
  report: DrillReport;
  integrity: ReportIntegrity;
}

export interface ReportPage {
  reports: StoredReport[];
  continuationToken?: string;
}

const REPORTS = "reports/";
const HASHES = "hashes/";
const ALL_INDEX = "index/all/";
const PLAN_INDEX = "index/plan/";
const LAST_EPOCH_MS = 9_999_999_999_999;

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export class DrillReportStore {
  private readonly ready: () => Promise<ContainerClient>;

  constructor(container: ContainerClient) {
    this.ready = lazyContainer(container);
  }

  /** Writes both documents, then their hashes, then the index entries; writing the same report again changes nothing. */
  async save(report: DrillReport, html: string): Promise<void> {
    assertOperationId(report.id);
    assertPlanName(report.plan);
    const container = await this.ready();
    const json = JSON.stringify(report);
    await container.getBlockBlobClient(`${REPORTS}${report.id}.json`).upload(json, Buffer.byteLength(json), { blobHTTPHeaders: { blobContentType: "application/json; charset=utf-8" } });
    await container.getBlockBlobClient(`${REPORTS}${report.id}.html`).upload(html, Buffer.byteLength(html), { blobHTTPHeaders: { blobContentType: "text/html; charset=utf-8" } });
    const record = JSON.stringify({ json: sha256(json), html: sha256(html) });
    await container.getBlockBlobClient(`${HASHES}${report.id}.json`).upload(record, Buffer.byteLength(record));
    const entry = indexEntry(report);
    const metadata = { plan: report.plan, status: report.status };
    await Promise.all([`${ALL_INDEX}${entry}`, `${PLAN_INDEX}${report.plan}/${entry}`].map((name) => container.getBlockBlobClient(name).upload("", 0, { metadata })));
  }

  async get(id: string): Promise<StoredReport | undefined> {
    assertOperationId(id);
    const container = await this.ready();
    const [json, html, record] = await Promise.all(
      [`${REPORTS}${id}.json`, `${REPORTS}${id}.html`, `${HASHES}${id}.json`].map((name) => readBlobText(container.getBlobClient(name))),
    );
    if (json === undefined || html === undefined) return undefined;
    return { report: JSON.parse(json.text) as DrillReport, integrity: integrityOf(json.text, html.text, record?.text) };
  }

  /** The stored HTML page and whether it is still the page that was written. */
  async getHtml(id: string): Promise<{ html: string; integrity: ReportIntegrity } | undefined> {
    assertOperationId(id);
    const container = await this.ready();
    const [json, html, record] = await Promise.all(
      [`${REPORTS}${id}.json`, `${REPORTS}${id}.html`, `${HASHES}${id}.json`].map((name) => readBlobText(container.getBlobClient(name))),
    );
    if (html === undefined) return undefined;
    return { html: html.text, integrity: integrityOf(json?.text ?? "", html.text, record?.text) };
  }

  /** Newest first, optionally one plan's. */
  async list(query: { plan?: string; maxPageSize: number; continuationToken?: string }): Promise<ReportPage> {
    if (query.plan !== undefined) assertPlanName(query.plan);
    const marker = query.continuationToken === undefined ? undefined : decodePageToken(query.continuationToken);
    const container = await this.ready();
    const prefix = query.plan === undefined ? ALL_INDEX : `${PLAN_INDEX}${query.plan}/`;
    const page = await container
      .listBlobsFlat({ prefix })
      .byPage({ maxPageSize: query.maxPageSize, ...(marker === undefined ? {} : { continuationToken: marker }) })
      .next();
    const segment = page.done ? undefined : page.value;
    const ids = (segment?.segment.blobItems ?? []).map((item) => idOfEntry(item.name)).filter(isOperationId);
    const reports = (await Promise.all(ids.map((id) => this.get(id).catch(skipMissing)))).filter((stored): stored is StoredReport => stored !== undefined);
    const next = segment?.continuationToken;
    return { reports, ...(next ? { continuationToken: encodePageToken(next) } : {}) };
  }
}

function integrityOf(json: string, html: string, record: string | undefined): ReportIntegrity {
  let recorded: { json?: unknown; html?: unknown } = {};
  try {
    recorded = record === undefined ? {} : (JSON.parse(record) as { json?: unknown; html?: unknown });
  } catch {
    // An unreadable record matches nothing: the report is reported as not intact.
  }
  const jsonHash = sha256(json);
  const htmlHash = sha256(html);
  const jsonMatches = recorded.json === jsonHash;
  const htmlMatches = recorded.html === htmlHash;
  return { algorithm: "SHA-256", intact: jsonMatches && htmlMatches, json: { sha256: jsonHash, matches: jsonMatches }, html: { sha256: htmlHash, matches: htmlMatches } };
}

// A report whose index entry exists but whose documents are gone is left out of the list, not an error for it.
function skipMissing(error: unknown): undefined {
  if (storageStatus(error) === 404) return undefined;
  throw error;
}

function indexEntry(report: DrillReport): string {
  const startedMs = Date.parse(report.startedAt);
  const inverted = String(LAST_EPOCH_MS - (Number.isFinite(startedMs) ? startedMs : 0)).padStart(13, "0");
  return `${inverted}_${report.id}`;
}

function idOfEntry(blobName: string): string {
  const last = blobName.slice(blobName.lastIndexOf("/") + 1);
  return last.slice(last.indexOf("_") + 1);
}
