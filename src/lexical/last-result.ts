/**
 * `fn` with its last argument and result kept: for texts made again and again in a row (a rule's
 * findings mostly share their help and related messages; a report shows the file of each finding,
 * the help and related labels of one rule's findings). One entry, so nothing grows.
 */
export function lastResult(fn: (text: string) => string): (text: string) => string {
  let lastIn: string | undefined;
  let lastOut = '';
  return (text) => {
    if (text !== lastIn) {
      lastOut = fn(text);
      lastIn = text;
    }
    return lastOut;
  };
}
