/** A page's script, bundled from src/webview/<name>Page.ts by scripts/build.mjs (its `pageScripts` plugin). */
declare module 'page-script:*' {
  const script: string;
  export default script;
}
