import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['node_modules/**', 'out/**', '.tools/**', 'language/generated/**', '**/*.cjs', 'examples/**'] },
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
        // member unless it has a default, so a new kind cannot be skipped silently.
        files: ['**/*.ts', '**/*.mts'],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            '@typescript-eslint/switch-exhaustiveness-check': ['error', {
                allowDefaultCaseForExhaustiveSwitch: true,
                considerDefaultExhaustiveForUnions: true,
                requireDefaultForNonUnion: false
            }]
        }
    }
);
