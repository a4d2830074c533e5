import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatBytes } from "../lib/format";

/**
 * A multipart form that shows upload progress. Without JavaScript it is a plain form post; with
 * it, the browser sends the same request through XMLHttpRequest (the only browser API that
 * reports upload progress) and then goes where the server's redirect pointed.
 */
export function UploadForm({ action, children }: { action: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", action);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status < 400) {
        window.location.assign(xhr.responseURL || action);
        return;
      }
      setProgress(null);
      setError(messageFrom(xhr) ?? t("errors.generic"));
    };
    xhr.onerror = () => {
      setProgress(null);
      setError(t("documents.upload.interrupted"));
    };
    setError(null);
    setProgress(0);
    xhr.send(new FormData(form));
  }

  return (
    <form
      ref={formRef}
      method="post"
      action={action}
      encType="multipart/form-data"
      className="stack"
      onSubmit={onSubmit}
    >
      {children}
      {progress !== null ? (
        <div className="field">
          <label htmlFor="upload-progress">{t("documents.upload.progress")}</label>
          <progress id="upload-progress" max={100} value={progress}>
            {progress} %
          </progress>
        </div>
      ) : null}
      <div role="alert">{error ? <p className="form-error">{error}</p> : null}</div>
    </form>
  );
}

// The server answers a refused upload with its page (the message in .form-error) or, for an
// oversized body refused before the page, with plain text.
function messageFrom(xhr: XMLHttpRequest): string | null {
  const type = xhr.getResponseHeader("content-type") ?? "";
  if (type.startsWith("text/plain")) return xhr.responseText.trim() || null;
  const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
  const found = page.querySelector(".form-error, .field__error");
  return found?.textContent?.trim() || null;
}

/** The file chooser of an upload form, with the allowed types and the size limit as its hint. */
export function FileField({ id, maxBytes }: { id: string; maxBytes: number }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("documents.upload.file")}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t("documents.upload.hint", { size: formatBytes(maxBytes, i18n.language) })}
      </p>
      <input id={id} name="file" type="file" required aria-describedby={`${id}-hint`} />
    </div>
  );
}
