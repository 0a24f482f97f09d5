import 'vue-router';
import type { RouteRecordInfo } from 'vue-router';
import type { RouteName } from './router.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Locale key of the screen's title. */
    title?: string;
  }
  /** Route names are the screens' table in router.ts: a misspelt name fails to type-check. */
  interface TypesConfig {
    RouteNamedMap: { [Name in RouteName]: RouteRecordInfo<Name, string, Record<string, never>, Record<string, never>> };
  }
}
