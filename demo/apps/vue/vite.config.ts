import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // The Moment elements are custom elements, not Vue components.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => ['card-component', 'wallet-button', 'moment-checkout'].includes(tag) } } })],
});
