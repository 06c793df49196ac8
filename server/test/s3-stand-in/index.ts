export * from './s3-stand-in';
