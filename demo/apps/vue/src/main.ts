import { createApp } from 'vue';
import '@momentpay/elements';
import App from './App.vue';

createApp(App).mount('#app');
