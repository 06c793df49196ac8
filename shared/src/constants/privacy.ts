/** The word a resident types to delete their account (PIPL): the server checks it, the page asks for it. */
export const DELETE_ACCOUNT_CONFIRM = '注销';
