import { Module } from '@nestjs/common';
import { WechatAccessTokenService } from './wechat-access-token.service';
import { WechatApiClient } from './wechat-api.client';

/** WeChat server API access. Needs APP_CONFIG from the (global) config provider. */
@Module({
  providers: [WechatAccessTokenService, WechatApiClient],
  exports: [WechatAccessTokenService, WechatApiClient],
})
export class WechatModule {}
