import type { Shape } from "../shape";
import type da from "../da/consultations";

const consultations: Shape<typeof da> = {
  title: "Consultations",
};

export default consultations;
