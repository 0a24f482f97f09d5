import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ServiceDefinition } from '../../shared/serviceDefinition.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';

/** The council and the services this kiosk offers, loaded once from main. Not personal data. */
export const useServiceCatalogStore = defineStore('serviceCatalog', () => {
  const councilName = ref('');
  const services = ref<ServiceDefinition[]>([]);
  const state = ref<'idle' | 'loading' | 'ready' | 'failed'>('idle');

  /** Loads the catalogue from main, once; a failure can be retried by calling again. */
  async function load(): Promise<void> {
    if (state.value === 'ready' || state.value === 'loading') return;
    state.value = 'loading';
    const result = await useKiosk().listServices();
    if (result.ok) {
      councilName.value = result.value.council.name;
      services.value = result.value.services;
      state.value = 'ready';
    } else {
      state.value = 'failed';
    }
  }

  /** Finds a service by id. */
  const byId = computed(() => (id: string | undefined) => services.value.find((s) => s.id === id));

  return { councilName, services, state, load, byId };
});
