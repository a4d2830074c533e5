// Texts for action items in a space and "My action items"; Danish is the source.
const actionItems = {
  title: "Opfølgningspunkter",
};

export default actionItems;
