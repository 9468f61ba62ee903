/** What a page title starts with while its form shows errors (GOV.UK pattern). */
export const ERROR_TITLE_PREFIX = "Error: ";
