export const evidence = {
};
