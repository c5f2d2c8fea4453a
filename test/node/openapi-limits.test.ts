import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { LIMITS } from '../../src/core/rules/rules.js';

interface Schema {
  properties: Record<string, Record<string, unknown>>;
}

const document = parse(readFileSync(new URL('../../openapi/kabar-api.yaml', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};

type Limit = keyof typeof LIMITS;

/** Every length a client is told, and the rule the server and the forms enforce for it. */
const TIED: Record<string, Record<string, Partial<Record<'minLength' | 'maxLength', Limit>>>> = {
  StorySubmission: {
    name: { maxLength: 'nameMax' },
    email: { maxLength: 'emailMax' },
    community: { maxLength: 'communityMax' },
    title: { minLength: 'titleMin', maxLength: 'titleMax' },
    body: { maxLength: 'storyMaxChars' },
    category: { maxLength: 'categoryMax' },
    original_url: { maxLength: 'urlMax' },
    photo_alt: { maxLength: 'altMax' },
  },
  NewComment: {
    author_name: { maxLength: 'nameMax' },
    author_email: { maxLength: 'emailMax' },
    author_url: { maxLength: 'urlMax' },
    body: { maxLength: 'commentMaxChars' },
  },
};

describe('the OpenAPI document and the shared rules', () => {
  for (const [schemaName, fields] of Object.entries(TIED)) {
    const schema = document.components.schemas[schemaName];

    it(`${schemaName}: every length limit equals LIMITS`, () => {
      for (const [field, keywords] of Object.entries(fields)) {
        for (const [keyword, limit] of Object.entries(keywords)) {
          assert.equal(schema.properties[field]?.[keyword], LIMITS[limit], `${schemaName}.${field}.${keyword} should be LIMITS.${limit}`);
        }
      }
    });

    it(`${schemaName}: no length limit the rules do not know`, () => {
      const documented = Object.entries(schema.properties).flatMap(([field, property]) =>
        (['minLength', 'maxLength'] as const).filter((keyword) => keyword in property).map((keyword) => `${field}.${keyword}`),
      );
      const tied = Object.entries(fields).flatMap(([field, keywords]) => Object.keys(keywords).map((keyword) => `${field}.${keyword}`));
      assert.deepEqual(documented.sort(), tied.sort());
    });
  }
});
