import { data } from "react-router";

// Unknown paths reach the root error boundary as a 404 in the visitor's language.
export function loader() {
  throw data({ error: "notFound" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
