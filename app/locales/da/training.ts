// Texts for the key-person training: courses, sessions, participants; Danish is the source.
const training = {
  title: "Nøglepersonsuddannelse",
};

export default training;
