export const entries = {
};
