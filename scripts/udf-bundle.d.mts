// Types of udf-bundle.mjs, for the tests that build the UDF script from the sources.
export declare const UDF_BUNDLE_OPTIONS: Readonly<Record<string, unknown>>;
/** The UDF script's text, built from the sources under `root`. */
export declare function udfBundle(root?: string): string;
/** Writes the UDF script into dist/udf/. */
export declare function writeUdfBundle(root?: string): void;
