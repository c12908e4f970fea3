import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { makeRepo } from './helpers/temp-repo.js';

describe('context: size of the service', () => {
  it('counts routes and entities registered in source, not those that tests register', async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5', mongoose: '^8' } }),
      'src/routes/users.js': "const router = require('express').Router();\nrouter.get('/users', (req, res) => res.json([]));\nrouter.post('/users', (req, res) => res.status(201).end());\nmodule.exports = router;\n",
      'src/models/user.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({ name: String }));\n",
      'test/app.test.js': "const app = require('express')();\napp.get('/boom', () => { throw new Error('x'); });\napp.get('/slow', () => {});\n",
      'src/routes/__tests__/users.spec.js': "const router = require('express').Router();\nrouter.delete('/users/:id', () => {});\n",
      'src/models/user.test.js': "const mongoose = require('mongoose');\nmongoose.model('Fake', new mongoose.Schema({}));\n",
    });
    const { context } = await analyze({ root, cache: false });
    expect(context.size).toMatchObject({ modules: 5, routes: 2, entities: 1 });
  });
});
