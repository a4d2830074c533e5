import type { MatrixSection } from "./types";

const section: MatrixSection = {
  rows: {},
};

export default section;
