// The Unicode line-breaking algorithm (UAX #14) that pdfkit itself uses; the package ships no types.
declare module 'linebreak' {
  interface Break {
    /** Offset in the string after which a line may (or, if `required`, must) end. */
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
