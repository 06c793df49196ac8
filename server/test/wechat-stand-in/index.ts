export * from './wechat-stand-in';
