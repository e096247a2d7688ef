export const campaigns = {
};
