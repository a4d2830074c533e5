// Texts for consultations (høringer / input requests) and their answers; Danish is the source.
const consultations = {
  title: "Høringer",
};

export default consultations;
