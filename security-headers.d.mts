export declare const CONTENT_SECURITY_POLICY: string;
export declare const PERMISSIONS_POLICY: string;
export declare const SECURITY_HEADERS: readonly { key: string; value: string }[];
