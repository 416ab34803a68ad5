/**
 * Entry of `dist/host-bridge.iife.js`, the build for forms without a bundler:
 * `<script src="host-bridge.iife.js" data-allowed-origins="https://crm.example.com https://*.example.org">`.
 * `document.currentScript` is only set while a classic script runs its top level, so it is read here.
 */
import { autoInstall } from './auto-install.js';

autoInstall(document.currentScript, window);
