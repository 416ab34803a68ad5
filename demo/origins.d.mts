export declare const ORIGINS: { console: string; crm: string; hostile: string };
export declare const SIM: string;
export declare const ALLOWED_ORIGINS: string;
export declare const TEST_HOSTS: { crmByName: string; suffixTrick: string; glued: string };
