import type { Shape } from "../shape";
import type da from "../da/activities";

const activities: Shape<typeof da> = {
  title: "Activities",
};

export default activities;
