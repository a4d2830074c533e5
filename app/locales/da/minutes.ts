// Texts for minutes, their comments, approval and versions; Danish is the source.
const minutes = {
  title: "Referat",
};

export default minutes;
