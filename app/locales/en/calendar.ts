import type { Shape } from "../shape";
import type da from "../da/calendar";

const calendar: Shape<typeof da> = {
  title: "Calendar",
};

export default calendar;
