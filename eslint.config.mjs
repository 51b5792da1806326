import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['node_modules/**', 'out/**', '.tools/**', 'language/generated/**', 'bench/baseline/generated/**', '**/*.cjs', 'examples/**'] },
    ...tseslint.configs.recommended,
    {
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            '@typescript-eslint/no-non-null-assertion': 'off',
            'eqeqeq': ['error', 'smart'],
            'no-console': 'off'
        }
    },
    {
        // Type-aware: a switch over a union (resource kinds, statement types) must name every
        // member, a default does not count, so a new kind or statement type cannot be skipped
        // silently; a switch over an open type (a string, a number) needs a default.
        files: ['**/*.ts', '**/*.mts'],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            '@typescript-eslint/switch-exhaustiveness-check': ['error', {
                allowDefaultCaseForExhaustiveSwitch: true,
                considerDefaultExhaustiveForUnions: false,
                requireDefaultForNonUnion: true
            }]
        }
    }
);
