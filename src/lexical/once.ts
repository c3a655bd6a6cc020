/**
 * `make`, called on the first call only; later calls return what it made. For data the CLI builds
 * only when a run needs it (the profile catalogs: a check without a profile never builds them, so
 * their text is neither compiled nor kept in the code cache every run deserialises; issue 19).
 */
export function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
