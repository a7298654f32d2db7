// Loaded by mocha before any spec (see .mocharc.json): decorators need the metadata polyfill.
import 'reflect-metadata';
