/**
 * Folds text for search so that accents and Danish letters match their usual spellings:
 * "Sørensen", "Soerensen" and "sorensen" all fold to "sorensen"; "Børns Vilkår" to "borns vilkar".
 * Both the stored text and the query are folded the same way, so a little over-matching
 * ("Michael" ~ "Michal") is the price of never missing a Danish name.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/aa/g, "a")
    .replace(/oe/g, "o")
    .replace(/ae/g, "a")
    .replace(/[^\p{L}\p{N}@.]+/gu, " ")
    .trim();
}
