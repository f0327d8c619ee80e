import { mount } from 'svelte';
import '@momentpay/elements';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
