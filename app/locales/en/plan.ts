import type { Shape } from "../shape";
import type da from "../da/plan";

const plan: Shape<typeof da> = {
  title: "Action plan",
};

export default plan;
