import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

/**
 * The resident's display choices: larger text and high contrast. They apply to the whole page
 * (classes on <html>) and last for this resident's session only; the next resident starts with
 * the defaults, because a new session is a new Pinia.
 */
export const useDisplayOptionsStore = defineStore('displayOptions', () => {
  const largerText = ref(false);
  const highContrast = ref(false);

  watch(largerText, (on) => document.documentElement.classList.toggle('text-larger', on), { immediate: true });
  watch(highContrast, (on) => document.documentElement.classList.toggle('contrast-high', on), { immediate: true });

  return { largerText, highContrast };
});
