// Texts for the action plan, its initiatives, progress updates and continuation recommendations; Danish is the source.
const plan = {
  title: "Handleplan",
};

export default plan;
