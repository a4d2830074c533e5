// Texts for meetings, their agenda, attendance, the print view; Danish is the source.
const meetings = {
  title: "Møder",
};

export default meetings;
