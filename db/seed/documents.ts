// Demo documents: a few papers in each space, written as real files into the files folder and
// registered through the same model functions as an upload. Like the rest of the seed they are
// about the work (agendas, plans, training sessions), never about citizens or cases of concern.
//
// The memo from BIF (19-03-2026) is represented by a short summary written for the hub, as a
// small PDF generated here: the hub does not ship a copy of the memo itself.

import { createHash } from "node:crypto";
import fs from "node:fs";
import { commitBlob, tempPath } from "../../app/lib/blob-store.server";
import {
  addVersion,
  createDocument,
  createFolder,
  setExtractedText,
  type DocumentMetadata,
} from "../../app/models/document.server";
import type { Database } from "../client";
import { PEOPLE, type OrganisationName, type SpaceSlug } from "./data";

// ---- Files ---------------------------------------------------------------------------------

/**
 * A one-page A4 PDF showing `lines` in Helvetica, with a correct cross-reference table. The text
 * is written in WinAnsiEncoding, so Danish letters are single bytes; characters outside Latin-1
 * are refused rather than silently garbled.
 */
export function makeTextPdf(lines: readonly string[]): Buffer {
  const literal = (s: string) =>
    [...s]
      .map((c) => {
        const code = c.charCodeAt(0);
        if (code > 255) throw new Error(`makeTextPdf: "${c}" is outside Latin-1`);
        if (c === "(" || c === ")" || c === "\\") return `\\${c}`;
        return code > 126 || code < 32 ? `\\${code.toString(8).padStart(3, "0")}` : c;
      })
      .join("");
  const content = Buffer.from(
    `BT /F1 11 Tf 56 780 Td 15 TL\n${lines.map((l) => `(${literal(l)}) Tj T*`).join("\n")}\nET`,
    "latin1",
  );
  const objects: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " +
        "/Resources << /Font << /F1 5 0 R >> >> >>",
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${content.length} >>\nstream\n`),
      content,
      Buffer.from("\nendstream"),
    ]),
    Buffer.from(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ),
  ];
  // The second line marks the file as binary for tools that guess by the first bytes.
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const object = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      body,
      Buffer.from("\nendobj\n"),
    ]);
    parts.push(object);
    offset += object.length;
  });
  const xref = [
    "xref",
    `0 ${objects.length + 1}`,
    "0000000000 65535 f ",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n `),
    "trailer",
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    "startxref",
    String(offset),
    "%%EOF",
    "",
  ].join("\n");
  parts.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(parts);
}

/** Breaks a paragraph into lines of at most `width` characters, at spaces. */
function wrap(paragraph: string, width = 88): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The memo's case numbers, as printed on it. */
export const MEMO = {
  title:
    "Notat: Indsatser i Beskæftigelses-, Integrations- og Erhvervsforvaltningen vedr. negativ social kontrol",
  documentDate: "2026-03-19",
  f2CaseNumber: "2025 - 24329",
  f2DocumentNumber: "9764425",
  edocCaseNumber: "2025-0370200",
  fileName: "notat-indsatser-negativ-social-kontrol-resume.pdf",
} as const;

// Written for the hub in our own words: a summary of the memo, not the memo.
const MEMO_SUMMARY: readonly string[] = [
  "Resumé af notat om indsatser mod negativ social kontrol",
  "",
  "Notat fra Beskæftigelses-, Integrations- og Erhvervsforvaltningen (BIF), 19-03-2026.",
  "Sagsnummer i F2: 2025 - 24329 · Dokumentnummer i F2: 9764425 · Sagsnummer i eDoc: 2025-0370200",
  "Demodata: et kort resumé skrevet til hubben, ikke notatets egen tekst.",
  "",
  ...wrap(
    "Notatet giver et overblik over forvaltningens indsatser mod negativ social kontrol. De " +
      "fleste hører under handleplanen for 2024-2026 og udløber ved udgangen af 2026. Det er " +
      "endnu ikke afgjort, hvilke der videreføres i den kommende handleplan for 2027-2030.",
  ),
  "",
  ...wrap(
    "Børn og unge: undervisning af grundskoleelever (Børns Vilkår og C:NTACT, dels sammen med " +
      "BUF), en samlet skoleindsats for elever, forældre og lærere, opkvalificering af " +
      "fagpersoner (Center for Digital Pædagogik med Etnisk Konsulentteam) og " +
      "rettighedsvejledere på udvalgte ungdomsuddannelser, som løber til og med 2028.",
  ),
  "",
  ...wrap(
    "Voksne: social kontrol-vejledere i Jobcenter København, som løber til og med 2029, og " +
      'kurserne "Ret til ligestilling - ret til arbejde" ved Dansk Flygtningehjælp.',
  ),
  "",
  ...wrap(
    "Civilsamfund: den områdebaserede indsats på Bispebjerg Bakke til og med 2027 med " +
      "nøglepersonsuddannelse og et lokalt netværk, samt de to rådgivende fora: ekspertgruppen " +
      "og den nye følgegruppe.",
  ),
  "",
  ...wrap(
    "Til drøftelse i ekspertgruppen: Hvilke indsatser bør fortsætte efter 2026, og hvad skal " +
      "der til, for at de kan videreføres?",
  ),
];

const NETWORK_AGENDA = `# Dagsorden: Netværksmøde på Bispebjerg Bakke

**Tid:** Tirsdag den 8. december 2026 kl. 14.00–16.00
**Sted:** Beboerlokalet, Boligselskabet Bakkehusene (fiktiv)

1. Velkomst og siden sidst (10 min.)
2. Nøglepersonsuddannelsen: erfaringer fra efterårets hold og planen for foråret 2027 (30 min.)
3. Fælles aktiviteter i lokalområdet i foråret – hvem gør hvad? (30 min.)
4. Input til ekspertgruppen: hvilke dele af den områdebaserede indsats skal fortsætte efter 2027? (30 min.)
5. Eventuelt og næste møde (20 min.)

Bilag: Resumé af notatet fra BIF (19-03-2026) og oversigten over uddannelsesgange.

Husk: vi drøfter aldrig enkelte borgere eller sager på netværksmøderne.
`;

const TRAINING_V1 = `Dato;Tema;Sted;Undervisere;Pladser
2026-09-15;Introduktion: hvad er negativ social kontrol?;Bispebjerg Bibliotek;Nationalt Center mod Æresrelaterede Konflikter;20
2026-10-06;Bekymringstegn og samtalen med unge;Beboerlokalet, Bakkehusene;Nationalt Center mod Æresrelaterede Konflikter;20
2026-11-03;Hvem gør hvad? Kommunale tilbud og henvisning;Bispebjerg Bibliotek;BIF;20
`;

const TRAINING_V2 = `${TRAINING_V1}2027-02-02;Nyt hold: introduktion;Bispebjerg Bibliotek;Nationalt Center mod Æresrelaterede Konflikter;24
2027-03-02;Nyt hold: fællesskabsdynamikker i lokalområdet;Beboerlokalet, Bakkehusene;Mellemfolkeligt Samvirke;24
`;

const DISCUSSION_PAPER = `# Drøftelsesoplæg: Hvilke indsatser skal fortsætte efter 2026?

Handleplanen til forebyggelse af negativ social kontrol 2024-2026 udløber ved årets udgang.
Forvaltningen beder ekspertgruppen om input til den kommende handleplan for 2027-2030.

## Spørgsmål til mødet

- Hvilke indsatser for børn og unge har vist sig mest værdifulde, og hvorfor?
- Hvordan sikrer vi sammenhæng mellem undervisningen i grundskolen og rettighedsvejlederne på ungdomsuddannelserne?
- Hvad skal der til, for at kurserne for voksne når dem, de er tænkt til?
- Hvilke erfaringer fra Bispebjerg Bakke kan bruges i andre byområder?

Send gerne skriftlige bemærkninger til sekretariatet inden mødet.
`;

const SPARRING_QUESTIONS = `# Spørgsmål til sparring: materiale til jobcentrets vejledere

Frist for svar: fredag den 4. december 2026.

Social kontrol-vejlederne i Jobcenter København vil gerne samle materiale, som medarbejderne kan
bruge i samtaler. Vi beder følgegruppen om korte input:

1. Hvilke pjecer, film eller oversigter bruger I allerede?
2. Hvad mangler der – fx materiale på andre sprog end dansk?
3. Hvem bør vi tale med, før materialet samles?

Svar gerne i tråden i følgegruppen eller direkte til sekretariatet.
`;

const STATUS_NOTE = `Statusnote til følgegruppen – november 2026

Siden sidst:
- Ekspertgruppen har fået drøftelsesoplægget om indsatser efter 2026.
- Tilmeldingen til nøglepersonsuddannelsens forårshold på Bispebjerg Bakke er åbnet.
- Sekretariatet samler input om materiale til jobcentrets vejledere.

Spørgsmål til følgegruppen (svar senest 4. december 2026):
1. Hvilket materiale savner I i det daglige arbejde?
2. Hvilke temaer bør næste temamøde tage op?

Noten indeholder ingen oplysninger om enkelte borgere eller sager.
`;

// ---- What is seeded ------------------------------------------------------------------------

interface SeedFile {
  name: string;
  mimeType: string;
  content: Buffer;
  /** What text extraction would find: kept at once, so a demo start needs no worker. */
  text: string;
}

interface SeedDocument {
  space: SpaceSlug;
  folder: string;
  /** The uploader (see PEOPLE): a current member who may upload. */
  by: string;
  at: string;
  metadata: Omit<DocumentMetadata, "folderId" | "originOrganisationId"> & {
    origin: OrganisationName | null;
  };
  /** Oldest first; a later version names its own uploader and time. */
  versions: readonly [SeedVersion, ...(SeedVersion & { by: string; at: string })[]];
}

type SeedVersion = SeedFile & { note: string };

const textFile = (name: string, mimeType: string, content: string): SeedFile => ({
  name,
  mimeType,
  content: Buffer.from(content, "utf8"),
  text: content.trim(),
});

const memoFile: SeedFile = {
  name: MEMO.fileName,
  mimeType: "application/pdf",
  content: makeTextPdf(MEMO_SUMMARY),
  text: MEMO_SUMMARY.join("\n").trim(),
};

const memoMetadata = (tags: string[]): SeedDocument["metadata"] => ({
  title: MEMO.title,
  description:
    "Overblik over BIF's indsatser mod negativ social kontrol og hvornår de udløber. Filen er et kort resumé; notatet findes i F2.",
  documentDate: MEMO.documentDate,
  origin: "BIF",
  f2CaseNumber: MEMO.f2CaseNumber,
  f2DocumentNumber: MEMO.f2DocumentNumber,
  edocCaseNumber: MEMO.edocCaseNumber,
  tags,
});

const DOCUMENTS: readonly SeedDocument[] = [
  // ── Ekspertgruppen ──────────────────────────────────────────────────────────────────────
  {
    space: "ekspertgruppen",
    folder: "Mødebilag",
    by: "sekretariat@bif.example",
    at: "2026-03-23T09:15:00.000Z",
    metadata: memoMetadata(["handleplan", "indsatser", "notat"]),
    versions: [{ ...memoFile, note: "Resumé til ekspertgruppen" }],
  },
  {
    space: "ekspertgruppen",
    folder: "Mødebilag",
    by: "henrik.dahl.jensen@bif.example",
    at: "2026-11-10T13:00:00.000Z",
    metadata: {
      title: "Drøftelsesoplæg: Hvilke indsatser skal fortsætte efter 2026?",
      description: "Spørgsmål til ekspertgruppens drøftelse af den kommende handleplan.",
      documentDate: "2026-11-10",
      origin: "BIF",
      f2CaseNumber: MEMO.f2CaseNumber,
      f2DocumentNumber: null,
      edocCaseNumber: null,
      tags: ["handleplan 2027-2030", "drøftelse"],
    },
    versions: [
      {
        ...textFile("droeftelsesoplaeg-indsatser-efter-2026.md", "text/markdown", DISCUSSION_PAPER),
        note: "",
      },
    ],
  },
  // ── Lokalnetværket på Bispebjerg Bakke ──────────────────────────────────────────────────
  {
    space: "bispebjerg-netvaerk",
    folder: "Netværksmøder",
    by: "leyla.ozdemir@bif.example",
    at: "2026-11-18T10:30:00.000Z",
    metadata: {
      title: "Dagsorden: Netværksmøde 8. december 2026",
      description: "Dagsorden for næste møde i lokalnetværket.",
      documentDate: "2026-12-08",
      origin: "BIF",
      f2CaseNumber: null,
      f2DocumentNumber: null,
      edocCaseNumber: null,
      tags: ["dagsorden", "netværksmøde"],
    },
    versions: [
      {
        ...textFile("dagsorden-netvaerksmoede-2026-12-08.md", "text/markdown", NETWORK_AGENDA),
        note: "",
      },
    ],
  },
  {
    space: "bispebjerg-netvaerk",
    folder: "Nøglepersonsuddannelsen",
    by: "zainab.hussein@ncak.example",
    at: "2026-08-20T08:00:00.000Z",
    metadata: {
      title: "Oversigt over uddannelsesgange for nøglepersoner",
      description: "Datoer, temaer og steder for nøglepersonsuddannelsen. Ingen deltagerlister.",
      documentDate: null,
      origin: "Nationalt Center mod Æresrelaterede Konflikter",
      f2CaseNumber: null,
      f2DocumentNumber: null,
      edocCaseNumber: null,
      tags: ["nøglepersonsuddannelse"],
    },
    versions: [
      {
        ...textFile("uddannelsesgange-noeglepersoner.csv", "text/csv", TRAINING_V1),
        note: "Efterårets hold",
      },
      {
        ...textFile("uddannelsesgange-noeglepersoner.csv", "text/csv", TRAINING_V2),
        note: "Forårets hold 2027 tilføjet",
        by: "leyla.ozdemir@bif.example",
        at: "2026-11-12T14:45:00.000Z",
      },
    ],
  },
  {
    // The same memo shared in the network: the same content, stored once.
    space: "bispebjerg-netvaerk",
    folder: "Baggrund",
    by: "sekretariat@bif.example",
    at: "2026-03-24T08:30:00.000Z",
    metadata: memoMetadata(["handleplan", "områdebaseret indsats"]),
    versions: [{ ...memoFile, note: "Delt fra ekspertgruppen" }],
  },
  // ── Følgegruppen ────────────────────────────────────────────────────────────────────────
  {
    space: "foelgegruppen",
    folder: "Statusnotater",
    by: "sekretariat@bif.example",
    at: "2026-11-20T12:00:00.000Z",
    metadata: {
      title: "Statusnote til følgegruppen, november 2026",
      description: "Kort status og to spørgsmål med svarfrist.",
      documentDate: "2026-11-20",
      origin: "BIF",
      f2CaseNumber: null,
      f2DocumentNumber: null,
      edocCaseNumber: null,
      tags: ["status"],
    },
    versions: [
      {
        ...textFile("statusnote-foelgegruppen-2026-11.txt", "text/plain", STATUS_NOTE),
        note: "",
      },
    ],
  },
  {
    space: "foelgegruppen",
    folder: "Spørgsmål til sparring",
    by: "marwa.saleh@jobcenter.example",
    at: "2026-11-16T09:00:00.000Z",
    metadata: {
      title: "Spørgsmål til sparring: materiale til jobcentrets vejledere",
      description: "Tre korte spørgsmål med svarfrist 4. december 2026.",
      documentDate: "2026-11-16",
      origin: "Jobcenter København",
      f2CaseNumber: null,
      f2DocumentNumber: null,
      edocCaseNumber: null,
      tags: ["sparring", "materiale"],
    },
    versions: [
      {
        ...textFile("spoergsmaal-materiale-vejledere.md", "text/markdown", SPARRING_QUESTIONS),
        note: "",
      },
    ],
  },
];

// ---- Seeding -------------------------------------------------------------------------------

/** Writes `content` under its SHA-256 name (through a temp file, as an upload would). */
function storeBlob(filesDir: string, content: Buffer): string {
  const hash = createHash("sha256").update(content).digest("hex");
  const temp = tempPath(filesDir);
  fs.writeFileSync(temp, content);
  commitBlob(filesDir, temp, hash);
  return hash;
}

/** Every uploader must be a current member of the space who may upload (not an observer). */
function checkDocuments() {
  for (const doc of DOCUMENTS) {
    for (const email of [doc.by, ...doc.versions.slice(1).map((v) => (v as { by: string }).by)]) {
      const person = PEOPLE.find((p) => p.email === email);
      const ok = person?.memberships.some(
        (m) => m.space === doc.space && !m.leftAt && m.role !== "observer",
      );
      if (!ok) throw new Error(`Seed document "${doc.metadata.title}": ${email} may not upload`);
    }
  }
}

/** Seeds the demo documents and their files; returns how many documents were created. */
export async function seedDocuments(db: Database, { filesDir }: { filesDir: string }) {
  checkDocuments();
  const spaceIds = new Map(
    (await db.selectFrom("space").select(["id", "slug"]).execute()).map((s) => [s.slug, s.id]),
  );
  const userIds = new Map(
    (await db.selectFrom("user").select(["id", "email"]).execute()).map((u) => [u.email, u.id]),
  );
  const organisationIds = new Map(
    (await db.selectFrom("organisation").select(["id", "name"]).execute()).map((o) => [
      o.name,
      o.id,
    ]),
  );
  const folderIds = new Map<string, string>();

  for (const doc of DOCUMENTS) {
    const spaceId = lookup(spaceIds, doc.space);
    const folderKey = `${doc.space}/${doc.folder}`;
    let folderId = folderIds.get(folderKey);
    if (!folderId) {
      folderId = await createFolder(db, { spaceId, name: doc.folder });
      folderIds.set(folderKey, folderId);
    }
    const { origin, ...fields } = doc.metadata;
    const [first, ...later] = doc.versions;
    const stored = (f: SeedFile) => ({
      hash: storeBlob(filesDir, f.content),
      size: f.content.length,
      mimeType: f.mimeType,
      originalName: f.name,
    });

    const { documentId, versionId } = await createDocument(db, {
      spaceId,
      userId: lookup(userIds, doc.by),
      metadata: {
        ...fields,
        folderId,
        originOrganisationId: origin ? lookup(organisationIds, origin) : null,
      },
      file: stored(first),
      note: first.note,
      now: new Date(doc.at),
    });
    await setExtractedText(db, { versionId, status: "done", text: first.text });

    for (const version of later) {
      const added = await addVersion(db, {
        spaceId,
        documentId,
        userId: lookup(userIds, version.by),
        file: stored(version),
        note: version.note,
        now: new Date(version.at),
      });
      if (!added) throw new Error(`Seed document "${doc.metadata.title}" vanished`);
      await setExtractedText(db, {
        versionId: added.versionId,
        status: "done",
        text: version.text,
      });
    }
  }
  return DOCUMENTS.length;
}

function lookup(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Seed documents refer to unknown "${key}"`);
  return id;
}
