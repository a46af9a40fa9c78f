// wink-lemmatizer ships no typings; these are the two functions the variants use.
declare module 'wink-lemmatizer' {
  const lemmatize: {
    noun(word: string): string;
    verb(word: string): string;
  };
  export default lemmatize;
}
