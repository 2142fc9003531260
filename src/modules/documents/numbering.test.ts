import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_NUMBER_PATTERN } from '../../shared/documents.ts';
import { deriveShortName, formatNumber, patternProblem } from './numbering.ts';

describe('document numbers (文号)', () => {
  it('fills the default pattern like 衡文执罚决字〔2026〕第12号', () => {
    assert.equal(formatNumber(DEFAULT_NUMBER_PATTERN, { short: '衡文执', word: '罚决字', year: 2026, n: 12 }), '衡文执罚决字〔2026〕第12号');
    assert.equal(formatNumber('{short}罚〔{year}〕{n}号', { short: '湘文旅', word: '罚决字', year: 2027, n: 1 }), '湘文旅罚〔2027〕1号');
  });

  it('accepts patterns with one {n}, a {year} and known placeholders only', () => {
    assert.equal(patternProblem(DEFAULT_NUMBER_PATTERN), null);
    assert.equal(patternProblem('{short}{word}〔{year}〕{n}号'), null);
    assert.match(patternProblem('{short}〔{year}〕第号') ?? '', /\{n\}/);
    assert.match(patternProblem('{short}{n}{n}〔{year}〕') ?? '', /\{n\}/);
    assert.match(patternProblem('{short}〔{month}〕{n}号') ?? '', /未知的占位符：\{month\}/);
    assert.match(patternProblem('{short}{word}第{n}号') ?? '', /\{year\}/);
    assert.match(patternProblem('{short}{word}〔{year}〕第{n}号}') ?? '', /花括号/);
  });

  it('derives a short name from the agency name: place, then the field', () => {
    assert.equal(deriveShortName('衡阳市文化市场综合执法局'), '衡文执');
    assert.equal(deriveShortName('衡阳市市场监督管理局'), '衡市监');
    assert.equal(deriveShortName('衡阳市文物局'), '衡文物');
    assert.equal(deriveShortName('衡阳市文体广电新闻出版局'), '衡文广新');
    assert.equal(deriveShortName('湖南省文化和旅游厅'), '湘文旅');
    assert.equal(deriveShortName('长沙市岳麓区文化旅游体育局'), '岳文旅');
    assert.equal(deriveShortName('北京市东城区文化和旅游局'), '东文旅');
    assert.equal(deriveShortName('某某综合行政执法大队'), '综执');
    assert.ok(deriveShortName('办公室').length > 0);
  });
});
