import type { Shape } from "../shape";
import type da from "../da/minutes";

const minutes: Shape<typeof da> = {
  title: "Minutes",
};

export default minutes;
