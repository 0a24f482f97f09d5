// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import BaseRadioGroup from '../../../renderer/components/BaseRadioGroup.vue';

describe('a radio question', () => {
  it("gives the question's hint and each option's hint ids of their own, each read with its own control", () => {
    const wrapper = mount(BaseRadioGroup, {
      props: {
        id: 'answer',
        legend: 'Do you have one?',
        hint: 'About the question',
        modelValue: '',
        options: [
          { value: 'yes', label: 'Yes', hint: 'About yes' },
          { value: 'no', label: 'No', hint: 'About no' },
        ],
      },
    });
    const ids = wrapper.findAll('[id]').map((element) => element.attributes('id'));
    expect(new Set(ids).size).toBe(ids.length);
    const yes = wrapper.get('#answer');
    expect(wrapper.get(`#${yes.attributes('aria-describedby')}`).text()).toBe('About yes');
    expect(wrapper.get(`#${wrapper.get('fieldset').attributes('aria-describedby')}`).text()).toBe('About the question');
  });
});
