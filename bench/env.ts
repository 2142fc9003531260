/**
 * Imported first by the benchmarks that seed users: password hashing at production cost
 * (scrypt N = 32768) would make seeding slow and is not what the benchmarks measure. Must be
 * evaluated before src/modules/identity/passwords.ts reads it.
 */
process.env.SANXIANG_SCRYPT_N ??= '1024';
export {};
