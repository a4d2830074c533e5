import type { Shape } from "../shape";
import type da from "../da/training";

const training: Shape<typeof da> = {
  title: "Key-person training",
};

export default training;
