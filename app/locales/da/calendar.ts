// Texts for the personal calendar feed and .ics downloads; Danish is the source.
const calendar = {
  title: "Kalender",
};

export default calendar;
