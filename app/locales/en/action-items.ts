import type { Shape } from "../shape";
import type da from "../da/action-items";

const actionItems: Shape<typeof da> = {
  title: "Action items",
};

export default actionItems;
