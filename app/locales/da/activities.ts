// Texts for local activities in the network's calendar; Danish is the source.
const activities = {
  title: "Aktiviteter",
};

export default activities;
