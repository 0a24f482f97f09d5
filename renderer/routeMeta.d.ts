import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Locale key of the screen's title. */
    title?: string;
  }
}
